import type { BoxType } from './packing.types.js';

/**
 * The boxes a node starts with (inner mm, content limit and board mass in grams), seeded into `box_type`;
 * operators change the table, not this list. M is the standard box the benchmark compares against.
 */
export const DEFAULT_BOXES: readonly BoxType[] = [
  { code: 'XS', lengthMm: 200, widthMm: 150, heightMm: 100, maxWeightGrams: 2_000, materialGrams: 90, standard: false },
  { code: 'S', lengthMm: 300, widthMm: 200, heightMm: 150, maxWeightGrams: 5_000, materialGrams: 160, standard: false },
  { code: 'M', lengthMm: 400, widthMm: 300, heightMm: 200, maxWeightGrams: 10_000, materialGrams: 280, standard: true },
  { code: 'L', lengthMm: 500, widthMm: 400, heightMm: 300, maxWeightGrams: 20_000, materialGrams: 450, standard: false },
  { code: 'XL', lengthMm: 600, widthMm: 500, heightMm: 400, maxWeightGrams: 30_000, materialGrams: 700, standard: false },
];

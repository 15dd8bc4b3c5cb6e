import { DEFAULT_BOXES } from './box-catalogue.js';
import { binpackingPacker } from './box-packer.js';
import { choosePacking, fitsAlone, passesLowerBound } from './box-choice.rules.js';
import { exactFit, isValidPacking } from './exact-fit.js';
import type { BoxType, PackItem } from './packing.types.js';

const box = (lengthMm: number, widthMm: number, heightMm: number, maxWeightGrams = 50_000): BoxType => ({
  code: `${lengthMm}x${widthMm}x${heightMm}`,
  lengthMm,
  widthMm,
  heightMm,
  maxWeightGrams,
  materialGrams: 100,
  standard: false,
});
const item = (l: number, w: number, h: number, grams = 100): PackItem => ({ lineNo: 1, sku: 'A', lengthMm: l, widthMm: w, heightMm: h, weightGrams: grams });
const times = (n: number, unit: PackItem) => Array.from({ length: n }, () => ({ ...unit }));

describe('exactFit (complete search over orientations and pair separations)', () => {
  it.each<[string, BoxType, PackItem[], boolean]>([
    ['two tea tins lengthwise', box(200, 150, 100), times(2, item(150, 100, 80)), true],
    ['two tins only fit when one is turned', box(200, 150, 100), [item(200, 100, 50), item(100, 150, 50)], true],
    ['together too long on every axis', box(200, 150, 100), [item(150, 150, 100), item(100, 100, 100)], false],
    ['too heavy together', box(200, 150, 100, 2_000), [item(50, 50, 50, 1_500), item(50, 50, 50, 600)], false],
    // The pinwheel: four 150×100 bricks around a 50×50 hole. No guillotine cut separates them, so layer or
    // shelf heuristics miss it; the volume bound alone (6.0 of 6.25 litres) cannot decide either way.
    ['pinwheel of four bricks', box(250, 250, 100), times(4, item(150, 100, 100)), true],
    ['a fifth cube does not fit a 2×2 floor, although the volume would', box(250, 250, 100), times(5, item(100, 100, 100)), false],
    ['six cubes in one layer of 3×2', box(300, 200, 100), times(6, item(100, 100, 100)), true],
    ['six cubes, box with room for four only', box(250, 250, 150), times(6, item(100, 100, 100)), false],
    ['six books stand on edge', box(300, 200, 150), times(6, item(200, 140, 45)), true],
    [
      'mixed basket of six',
      box(400, 300, 200),
      [item(300, 200, 100), item(300, 100, 100), item(200, 200, 100), item(100, 100, 100), item(100, 100, 100), item(200, 100, 50)],
      true,
    ],
    ['a long item needs the diagonal it cannot have', box(300, 200, 150), [item(310, 50, 50)], false],
    ['nothing fits trivially', box(100, 100, 100), [], true],
  ])('%s', (_name, container, items, expected) => {
    const result = exactFit(container, items);
    expect(result.fits).toBe(expected);
    if (result.fits === true) {
      expect(result.placements).toHaveLength(items.length);
      expect(isValidPacking(container, result.placements)).toBe(true);
    }
  });

  it('answers UNKNOWN, never a wrong no, when the node budget runs out', () => {
    expect(exactFit(box(250, 250, 150), times(6, item(100, 100, 100)), 10).fits).toBe('UNKNOWN');
  });

  it('agrees with the two-unit rule (separable along one axis in some rotations) on generated pairs', () => {
    let seed = 11;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const side = () => 20 + Math.floor(random() * 200);
    for (let run = 0; run < 300; run += 1) {
      const container = box(side() + 50, side() + 50, side() + 50);
      const a = item(side(), side(), side());
      const b = item(side(), side(), side());
      const sides = (x: PackItem) => [x.lengthMm, x.widthMm, x.heightMm];
      const inner = [container.lengthMm, container.widthMm, container.heightMm];
      const rotations = (x: PackItem) =>
        [
          [0, 1, 2],
          [0, 2, 1],
          [1, 0, 2],
          [1, 2, 0],
          [2, 0, 1],
          [2, 1, 0],
        ].map((p) => p.map((i) => sides(x)[i]!));
      const twoFit = rotations(a).some(
        (da) =>
          da.every((s, axis) => s <= inner[axis]!) &&
          rotations(b).some((db) => db.every((s, axis) => s <= inner[axis]!) && [0, 1, 2].some((axis) => da[axis]! + db[axis]! <= inner[axis]!)),
      );
      expect(exactFit(container, [a, b]).fits).toBe(twoFit);
    }
  });
});

describe('choosePacking proves the box for small baskets', () => {
  it.each<[string, PackItem[], string]>([
    ['four bricks in a pinwheel need only S (no smaller box can hold them)', times(4, item(150, 100, 100, 300)), 'S'],
    ['six paperbacks', times(6, item(180, 120, 30, 250)), 'S'],
    ['two mugs', times(2, item(120, 90, 90, 350)), 'XS'],
  ])('%s', (_name, items, code) => {
    const [parcel] = choosePacking(items, DEFAULT_BOXES, binpackingPacker).parcels;
    expect(parcel!.box.code).toBe(code);
    expect(parcel!.proven).toBe(true);
    // Proven smallest: every smaller box that passes the volume bound is refuted by the exact search.
    const volume = (b: BoxType) => b.lengthMm * b.widthMm * b.heightMm;
    for (const smaller of DEFAULT_BOXES.filter((b) => volume(b) < volume(parcel!.box))) {
      if (!items.every((unit) => fitsAlone(smaller, unit)) || !passesLowerBound(smaller, items)) continue;
      expect(exactFit(smaller, items).fits).toBe(false);
    }
  });
});

import { compareText } from '@hub/shared/compare-text';
import { EXACT_FIT_MAX_UNITS, exactFit } from './exact-fit.js';
import type { BoxPacker, BoxType, PackItem, PackingRefusal, PackingResult, Parcel } from './packing.types.js';

/** Carriers' volumetric convention (5,000 cm³ per kg): the size assumed for an SKU nobody has measured yet. */
export const VOLUMETRIC_CM3_PER_KG = 5_000;

const volumeOf = (item: { lengthMm: number; widthMm: number; heightMm: number }) => item.lengthMm * item.widthMm * item.heightMm;
const sortedDims = (item: { lengthMm: number; widthMm: number; heightMm: number }) => [item.lengthMm, item.widthMm, item.heightMm].sort((a, b) => a - b);

/** A cube of the volumetric size of its weight, for an SKU without measured dimensions. */
export function estimatedDimensions(weightGrams: number): { lengthMm: number; widthMm: number; heightMm: number } {
  const side = Math.ceil(Math.cbrt((Math.max(1, weightGrams) / 1000) * VOLUMETRIC_CM3_PER_KG * 1000));
  return { lengthMm: side, widthMm: side, heightMm: side };
}

/** Whether an item fits a box on its own, in some rotation (sorted sides compared) and by weight. */
export function fitsAlone(box: BoxType, item: PackItem): boolean {
  const [a, b, c] = sortedDims(item);
  const [x, y, z] = sortedDims(box);
  return a! <= x! && b! <= y! && c! <= z! && item.weightGrams <= box.maxWeightGrams;
}

/**
 * The volume lower bound: no box can hold items whose total volume or weight exceeds its own, or any single
 * item that does not fit it alone. Cheap, and it spares the 3D packer boxes it could never fill.
 */
export function passesLowerBound(box: BoxType, items: readonly PackItem[]): boolean {
  let volume = 0;
  let weight = 0;
  for (const item of items) {
    if (!fitsAlone(box, item)) return false;
    volume += volumeOf(item);
    weight += item.weightGrams;
  }
  return volume <= volumeOf(box) && weight <= box.maxWeightGrams;
}

/** Smallest first: least volume, then least board. */
export const byVolumeThenMaterial = (a: BoxType, b: BoxType) => volumeOf(a) - volumeOf(b) || a.materialGrams - b.materialGrams || compareText(a.code, b.code);

function parcelOf({ box, proven }: BoxChoice, items: PackItem[]): Parcel {
  const itemsVolumeMm3 = items.reduce((sum, item) => sum + volumeOf(item), 0);
  return {
    box,
    proven,
    items,
    itemsVolumeMm3,
    voidFillMm3: volumeOf(box) - itemsVolumeMm3,
    grossGrams: box.materialGrams + items.reduce((sum, item) => sum + item.weightGrams, 0),
  };
}

export interface BoxChoice {
  box: BoxType;
  /** True when no smaller box can hold the items: every smaller candidate was refuted exactly. */
  proven: boolean;
}

/**
 * The smallest box the items fit, trying only boxes that pass the lower bound. Up to EXACT_FIT_MAX_UNITS units
 * each candidate is decided exactly (a yes comes with a placement, a no is exhaustive), so the box is proven
 * smallest-feasible; above that, or when the exact search runs out of budget, the 3D heuristic decides.
 */
export function smallestBoxFor(items: readonly PackItem[], boxes: readonly BoxType[], packer: BoxPacker): BoxChoice | null {
  let proven = items.length <= EXACT_FIT_MAX_UNITS;
  for (const box of [...boxes].sort(byVolumeThenMaterial)) {
    if (!passesLowerBound(box, items)) continue;
    // One cuboid fits a box exactly when its sorted sides do: the bound is the answer.
    if (items.length === 1) return { box, proven };
    const exact = items.length <= EXACT_FIT_MAX_UNITS ? exactFit(box, items).fits : 'UNKNOWN';
    if (exact === true) return { box, proven };
    if (exact === false) continue;
    proven = false;
    if (packer(box, items).unpacked.length === 0) return { box, proven };
  }
  return null;
}

/**
 * Packs a shipment with the least box volume and material: one box if any box takes everything, else
 * parcels filled from the largest box and each re-boxed into the smallest that holds its contents. A unit
 * that fits no box at all is refused with its line (larger or heavier than every box) and never packed, so
 * the caller decides to split it off or refuse it; nothing else about the shipment changes.
 */
export function choosePacking(items: readonly PackItem[], boxes: readonly BoxType[], packer: BoxPacker): PackingResult {
  const refused = new Map<number, PackingRefusal>();
  const packable: PackItem[] = [];
  for (const item of items) {
    if (boxes.some((box) => fitsAlone(box, item))) {
      packable.push(item);
      continue;
    }
    const tooLarge = !boxes.some((box) => fitsAlone(box, { ...item, weightGrams: 0 }));
    const previous = refused.get(item.lineNo);
    refused.set(item.lineNo, {
      code: tooLarge ? 'ITEM_LARGER_THAN_EVERY_BOX' : 'ITEM_HEAVIER_THAN_EVERY_BOX',
      lineNo: item.lineNo,
      sku: item.sku,
      units: (previous?.units ?? 0) + 1,
    });
  }
  const parcels: Parcel[] = [];
  let rest = [...packable].sort((a, b) => volumeOf(b) - volumeOf(a));
  const largestFirst = [...boxes].sort(byVolumeThenMaterial).reverse();
  while (rest.length > 0) {
    const whole = smallestBoxFor(rest, boxes, packer);
    if (whole) {
      parcels.push(parcelOf(whole, rest));
      break;
    }
    // Fill the largest box that takes the biggest remaining unit, then shrink that parcel to its smallest box.
    const host = largestFirst.find((box) => fitsAlone(box, rest[0]!))!;
    const { packed } = packer(host, rest);
    const contents = packed.length > 0 ? packed : [rest[0]!];
    parcels.push(parcelOf(smallestBoxFor(contents, boxes, packer) ?? { box: host, proven: false }, contents));
    const taken = new Set(contents);
    rest = rest.filter((item) => !taken.has(item));
  }
  return { parcels, refused: [...refused.values()] };
}

/**
 * The baseline "always the standard box": the standard box for everything it holds, a larger box only where
 * the standard one is too small (what a packing bench does without a recommendation).
 */
export function packInStandardBox(items: readonly PackItem[], boxes: readonly BoxType[], packer: BoxPacker): PackingResult {
  const standard = boxes.find((box) => box.standard);
  if (!standard) throw new Error('The box catalogue has no standard box');
  return choosePacking(
    items,
    boxes.filter((box) => byVolumeThenMaterial(box, standard) >= 0),
    packer,
  );
}

/** One item per unit of each line, with measured or estimated dimensions. */
export function unitsOf(
  lines: ReadonlyArray<{
    lineNo: number;
    sku: string;
    quantity: number;
    weightGrams: number;
    lengthMm: number | null;
    widthMm: number | null;
    heightMm: number | null;
  }>,
): PackItem[] {
  return lines.flatMap((line) => {
    const dims =
      line.lengthMm && line.widthMm && line.heightMm
        ? { lengthMm: line.lengthMm, widthMm: line.widthMm, heightMm: line.heightMm }
        : estimatedDimensions(line.weightGrams);
    return Array.from({ length: line.quantity }, () => ({ lineNo: line.lineNo, sku: line.sku, weightGrams: line.weightGrams, ...dims }));
  });
}

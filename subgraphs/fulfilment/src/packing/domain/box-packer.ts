import { pack3D } from 'binpackingjs/3d';
import type { BoxPacker } from './packing.types.js';

/** `binpackingjs` 3D packing (rotations allowed, weight limit) into a single box. */
export const binpackingPacker: BoxPacker = (box, items) => {
  const result = pack3D({
    bins: [{ name: box.code, width: box.widthMm, height: box.heightMm, depth: box.lengthMm, maxWeight: box.maxWeightGrams }],
    items: items.map((item, index) => ({ name: String(index), width: item.widthMm, height: item.heightMm, depth: item.lengthMm, weight: item.weightGrams })),
  });
  const placed = new Set<number>();
  for (const bin of result.packedBins) for (const item of bin.items) placed.add(Number(item.name));
  return { packed: items.filter((_, index) => placed.has(index)), unpacked: items.filter((_, index) => !placed.has(index)) };
};

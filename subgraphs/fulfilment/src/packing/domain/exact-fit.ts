import type { BoxType, PackItem } from './packing.types.js';

/** Up to this many units the box choice is proven by exhaustive search instead of trusting the 3D heuristic. */
export const EXACT_FIT_MAX_UNITS = 6;
/** Search nodes one proof may visit; beyond it the answer is UNKNOWN and the caller keeps the heuristic's. */
export const EXACT_FIT_NODE_BUDGET = 2_000_000;

export interface Placement {
  item: PackItem;
  /** Corner nearest the box origin, mm. */
  at: [number, number, number];
  /** Sides along the box's length, width and height after rotation, mm. */
  size: [number, number, number];
}

export type ExactFit = { fits: true; placements: Placement[] } | { fits: false } | { fits: 'UNKNOWN' };

type Dims = [number, number, number];
const PERMUTATIONS: ReadonlyArray<readonly [number, number, number]> = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** The distinct axis-parallel orientations of an item that fit the box on their own. */
function orientationsIn(box: Dims, item: PackItem): Dims[] {
  // Sorted sides, so identical units list their orientations in the same order (the symmetry break relies on it).
  const sides = [item.lengthMm, item.widthMm, item.heightMm].sort((a, b) => a - b);
  const seen = new Set<string>();
  const result: Dims[] = [];
  for (const p of PERMUTATIONS) {
    const dims: Dims = [sides[p[0]]!, sides[p[1]]!, sides[p[2]]!];
    const key = dims.join('x');
    if (seen.has(key) || dims.some((side, axis) => side > box[axis]!)) continue;
    seen.add(key);
    result.push(dims);
  }
  return result;
}

/**
 * Decides exactly whether the items fit the box together (rotations allowed, weight limit). Any packing of
 * boxes separates every pair along some axis; conversely, if for each pair an axis and an order on it are chosen
 * so that, per axis, the "before" relation is acyclic and its longest chain of sides fits the box, placing each
 * item at the end of its longest chain is a packing. So enumerating orientations and pair relations, with the
 * chain bound pruning as it goes, is a complete search (Fekete–Schepers' packing-class idea in its plain form).
 * Two symmetries are removed: the mirror image (the first pair's order is fixed) and the relabelling of
 * identical units (their orientations are taken in non-decreasing order).
 */
export function exactFit(box: BoxType, items: readonly PackItem[], nodeBudget = EXACT_FIT_NODE_BUDGET): ExactFit {
  const inner: Dims = [box.lengthMm, box.widthMm, box.heightMm];
  if (items.reduce((sum, item) => sum + item.weightGrams, 0) > box.maxWeightGrams) return { fits: false };
  const volume = items.reduce((sum, item) => sum + item.lengthMm * item.widthMm * item.heightMm, 0);
  if (volume > inner[0] * inner[1] * inner[2]) return { fits: false };
  const options = items.map((item) => orientationsIn(inner, item));
  if (options.some((list) => list.length === 0)) return { fits: false };
  const n = items.length;
  if (n === 0) return { fits: true, placements: [] };
  const sameAsPrevious = items.map(
    (item, i) =>
      i > 0 &&
      [item.lengthMm, item.widthMm, item.heightMm].sort((a, b) => a - b).join('x') ===
        [items[i - 1]!.lengthMm, items[i - 1]!.widthMm, items[i - 1]!.heightMm].sort((a, b) => a - b).join('x'),
  );

  const chosen: number[] = new Array(n).fill(-1);
  const size = (i: number): Dims => options[i]![chosen[i]!]!;
  // before[axis][i] = items that must end before item i starts along that axis.
  const before: number[][][] = [0, 1, 2].map(() => Array.from({ length: n }, () => []));
  let nodes = 0;
  let exhausted = false;

  /** Longest chain of sides along an axis among items 0..upTo, or Infinity on a cycle. */
  const longestChain = (axis: number, upTo: number): number => {
    const memo = new Array<number>(upTo + 1).fill(-1);
    const visiting = new Array<boolean>(upTo + 1).fill(false);
    const end = (i: number): number => {
      if (memo[i]! >= 0) return memo[i]!;
      if (visiting[i]) return Infinity;
      visiting[i] = true;
      let start = 0;
      for (const j of before[axis]![i]!) start = Math.max(start, end(j));
      visiting[i] = false;
      return (memo[i] = start + size(i)[axis]!);
    };
    let longest = 0;
    for (let i = 0; i <= upTo; i += 1) longest = Math.max(longest, end(i));
    return longest;
  };

  const relate = (k: number, i: number): boolean => {
    // Relate item k to items i..k-1 one pair at a time, then go on to item k + 1.
    if (i === k) return place(k + 1);
    for (let axis = 0; axis < 3; axis += 1) {
      if (size(i)[axis]! + size(k)[axis]! > inner[axis]!) continue;
      const orders = k === 1 ? [true] : [true, false];
      for (const iFirst of orders) {
        if (++nodes > nodeBudget) {
          exhausted = true;
          return false;
        }
        const [first, second] = iFirst ? [i, k] : [k, i];
        before[axis]![second]!.push(first);
        if (longestChain(axis, k) <= inner[axis]! && relate(k, i + 1)) return true;
        before[axis]![second]!.pop();
        if (exhausted) return false;
      }
    }
    return false;
  };

  const place = (k: number): boolean => {
    if (k === n) return true;
    const from = sameAsPrevious[k] ? chosen[k - 1]! : 0;
    for (let o = from; o < options[k]!.length; o += 1) {
      chosen[k] = o;
      if (relate(k, 0)) return true;
      if (exhausted) return false;
    }
    chosen[k] = -1;
    return false;
  };

  if (!place(0)) return exhausted ? { fits: 'UNKNOWN' } : { fits: false };
  const starts = [0, 1, 2].map((axis) => {
    const memo = new Map<number, number>();
    const start = (i: number): number => {
      const known = memo.get(i);
      if (known !== undefined) return known;
      const value = Math.max(0, ...before[axis]![i]!.map((j) => start(j) + size(j)[axis]!));
      memo.set(i, value);
      return value;
    };
    return items.map((_, i) => start(i));
  });
  return {
    fits: true,
    placements: items.map((item, i) => ({ item, at: [starts[0]![i]!, starts[1]![i]!, starts[2]![i]!], size: [...size(i)] as Dims })),
  };
}

/** Whether placed boxes lie inside the box and never overlap: the certificate a positive answer carries. */
export function isValidPacking(box: BoxType, placements: readonly Placement[]): boolean {
  const inner = [box.lengthMm, box.widthMm, box.heightMm];
  const inside = placements.every((p) => p.at.every((start, axis) => start >= 0 && start + p.size[axis]! <= inner[axis]!));
  const apart = placements.every((a, i) =>
    placements.slice(i + 1).every((b) => [0, 1, 2].some((axis) => a.at[axis]! + a.size[axis]! <= b.at[axis]! || b.at[axis]! + b.size[axis]! <= a.at[axis]!)),
  );
  const sameSides = placements.every(
    (p) => [...p.size].sort((x, y) => x - y).join() === [p.item.lengthMm, p.item.widthMm, p.item.heightMm].sort((x, y) => x - y).join(),
  );
  return inside && apart && sameSides;
}

/** Facts the box choice works on: plain data. Lengths in millimetres, masses in grams. */

export interface BoxType {
  code: string;
  /** Inner dimensions. */
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  /** Most contents the box may carry. */
  maxWeightGrams: number;
  /** Mass of the box itself (corrugated board), what the packaging's CO2e is computed from. */
  materialGrams: number;
  /** The box a node uses when nobody chooses: the baseline the benchmark compares against. */
  standard: boolean;
}

/** One unit to pack. */
export interface PackItem {
  lineNo: number;
  sku: string;
  lengthMm: number;
  widthMm: number;
  heightMm: number;
  weightGrams: number;
}

export interface Parcel {
  box: BoxType;
  /** The box is proven the smallest that holds these items (exact search); false: the 3D heuristic's choice. */
  proven: boolean;
  items: PackItem[];
  itemsVolumeMm3: number;
  /** Box volume the items leave empty, filled with paper or air cushions. */
  voidFillMm3: number;
  /** Contents plus box. */
  grossGrams: number;
}

export const PACKING_REFUSALS = ['ITEM_LARGER_THAN_EVERY_BOX', 'ITEM_HEAVIER_THAN_EVERY_BOX'] as const;
export type PackingRefusalCode = (typeof PACKING_REFUSALS)[number];

export interface PackingRefusal {
  code: PackingRefusalCode;
  lineNo: number;
  sku: string;
  units: number;
}

export interface PackingResult {
  parcels: Parcel[];
  /** Lines with units no box can take, one entry per line. */
  refused: PackingRefusal[];
}

/** Places as many of the items as it can into one box; a heuristic, so a no is not proof they cannot fit. */
export type BoxPacker = (box: BoxType, items: readonly PackItem[]) => { packed: PackItem[]; unpacked: PackItem[] };

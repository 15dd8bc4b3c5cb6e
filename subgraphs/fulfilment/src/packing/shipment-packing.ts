import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../persistence/sql.js';
import { binpackingPacker } from './domain/box-packer.js';
import { choosePacking, unitsOf } from './domain/box-choice.rules.js';
import type { BoxType, PackingResult } from './domain/packing.types.js';

export interface SkuDimensions {
  lengthMm: number | null;
  widthMm: number | null;
  heightMm: number | null;
}

interface BoxRow {
  code: string;
  length_mm: number;
  width_mm: number;
  height_mm: number;
  max_weight_grams: number;
  material_grams: number;
  standard: boolean;
}

/** The active box catalogue and the SKUs' dimensions, read once per allocation batch, in one statement. */
export async function loadPackingFacts(em: EntityManager, skus: readonly string[]): Promise<{ boxes: BoxType[]; dimensions: Map<string, SkuDimensions> }> {
  const [facts] = await query<{ boxes: BoxRow[]; dims: Array<{ sku: string; length_mm: number | null; width_mm: number | null; height_mm: number | null }> }>(
    em,
    `
    select coalesce((select json_agg(b order by b.code) from box_type b where b.active), '[]') as boxes,
           coalesce((select json_agg(json_build_object('sku', s.sku, 'length_mm', s.length_mm, 'width_mm', s.width_mm, 'height_mm', s.height_mm))
                       from sku s where s.sku = any(?::text[])), '[]') as dims`,
    [`{${[...new Set(skus)].map((sku) => JSON.stringify(sku)).join(',')}}`],
  );
  return {
    boxes: facts!.boxes.map((row) => ({
      code: row.code,
      lengthMm: row.length_mm,
      widthMm: row.width_mm,
      heightMm: row.height_mm,
      maxWeightGrams: row.max_weight_grams,
      materialGrams: row.material_grams,
      standard: row.standard,
    })),
    dimensions: new Map(facts!.dims.map((row) => [row.sku, { lengthMm: row.length_mm, widthMm: row.width_mm, heightMm: row.height_mm }])),
  };
}

export interface ShipmentLineToPack {
  lineNo: number;
  sku: string;
  quantity: number;
  weightGrams: number;
}

/**
 * Chooses boxes for shipments, remembering each distinct basket within a batch: a re-allocation of
 * thousands of orders usually repeats a few baskets, and the 3D packer is the costly part.
 */
export class ShipmentPacker {
  private readonly memo = new Map<string, PackingResult>();
  constructor(
    private readonly boxes: readonly BoxType[],
    private readonly dimensions: ReadonlyMap<string, SkuDimensions>,
  ) {}

  pack(lines: readonly ShipmentLineToPack[]): PackingResult {
    const key = lines
      .map((line) => `${line.lineNo}:${line.sku}:${line.quantity}:${line.weightGrams}`)
      .sort()
      .join('|');
    let result = this.memo.get(key);
    if (!result) {
      const units = unitsOf(lines.map((line) => ({ ...line, lengthMm: null, widthMm: null, heightMm: null, ...this.dimensions.get(line.sku) })));
      result = choosePacking(units, this.boxes, binpackingPacker);
      this.memo.set(key, result);
    }
    return result;
  }
}

/** What the shipment row keeps of a packing: per parcel the box, units, void fill and board; per refused line why. */
export function packingRecord(result: PackingResult) {
  return {
    parcels: result.parcels.map((parcel) => ({
      boxCode: parcel.box.code,
      boxProven: parcel.proven,
      units: parcel.items.length,
      materialGrams: parcel.box.materialGrams,
      itemsVolumeCm3: Math.round(parcel.itemsVolumeMm3 / 1000),
      voidFillCm3: Math.round(parcel.voidFillMm3 / 1000),
      lines: [...new Set(parcel.items.map((item) => item.lineNo))],
    })),
    refusals: result.refused,
    materialGrams: result.parcels.reduce((sum, parcel) => sum + parcel.box.materialGrams, 0),
  };
}

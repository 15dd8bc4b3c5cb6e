import type { EntityManager } from '@mikro-orm/postgresql';
import type { Lane, NodeKind } from '../allocation/domain/allocation.types.js';
import { asJson, query } from '../persistence/sql.js';

export interface NetworkSeed {
  zones: Array<{ code: string; region: string; name: string; lat: number; lon: number; isDefault?: boolean }>;
  nodes: Array<{
    id: string;
    name: string;
    kind: NodeKind;
    region: string;
    zone: string;
    lat: number;
    lon: number;
    dailyCapacity: number;
    cutoffMinutes: number[];
    lanes: Lane[];
  }>;
  /** Dimensions in mm where measured; unmeasured SKUs are packed at their volumetric size. */
  skus: Array<{ sku: string; name: string; unitWeightGrams: number; lengthMm?: number; widthMm?: number; heightMm?: number }>;
  stock: Array<{ sku: string; nodeId: string; onHand: number }>;
}

/** Writes a network (zones, nodes, lanes, SKUs, opening stock with RECEIPT movements); existing rows are kept. */
export async function seedNetwork(em: EntityManager, seed: NetworkSeed, actorId = 'seed'): Promise<void> {
  await em.transactional(async (tx) => {
    await query(
      tx,
      `insert into delivery_zone (code, region, name, lat, lon, is_default) select code, region, name, lat, lon, coalesce("isDefault", false)
      from jsonb_to_recordset(?::jsonb) as r(code text, region text, name text, lat float8, lon float8, "isDefault" boolean) on conflict do nothing`,
      [asJson(seed.zones)],
    );
    await query(
      tx,
      `insert into node (id, name, kind, region, zone, lat, lon, daily_capacity, cutoff_minutes)
      select id, name, kind, region, zone, lat, lon, "dailyCapacity", array(select jsonb_array_elements_text("cutoffMinutes")::int)
        from jsonb_to_recordset(?::jsonb) as r(id text, name text, kind text, region text, zone text, lat float8, lon float8, "dailyCapacity" int, "cutoffMinutes" jsonb) on conflict do nothing`,
      [asJson(seed.nodes)],
    );
    await query(
      tx,
      `insert into node_lane (node_id, carrier, service_level, base_cost, cost_per_kg, base_transit_hours, km_per_hour, grams_co2e_per_tonne_km, max_distance_km)
      select * from jsonb_to_recordset(?::jsonb) as r(node_id text, carrier text, service_level text, base_cost int, cost_per_kg int, base_transit_hours float8, km_per_hour float8, grams float8, max_km float8)
      on conflict do nothing`,
      [
        asJson(
          seed.nodes.flatMap((node) =>
            node.lanes.map((lane) => ({
              node_id: node.id,
              carrier: lane.carrier,
              service_level: lane.serviceLevel,
              base_cost: lane.baseCost,
              cost_per_kg: lane.costPerKg,
              base_transit_hours: lane.baseTransitHours,
              km_per_hour: lane.kmPerHour,
              grams: lane.gramsCo2ePerTonneKm,
              max_km: lane.maxDistanceKm,
            })),
          ),
        ),
      ],
    );
    await query(
      tx,
      `insert into sku (sku, name, unit_weight_grams, length_mm, width_mm, height_mm)
      select * from jsonb_to_recordset(?::jsonb) as r(sku text, name text, "unitWeightGrams" int, "lengthMm" int, "widthMm" int, "heightMm" int) on conflict do nothing`,
      [asJson(seed.skus)],
    );
    const fresh = await query<{ sku: string; node_id: string; on_hand: number }>(
      tx,
      `
      insert into inventory (sku, node_id, on_hand) select * from jsonb_to_recordset(?::jsonb) as r(sku text, "nodeId" text, "onHand" int)
      on conflict do nothing returning sku, node_id, on_hand`,
      [asJson(seed.stock)],
    );
    await query(
      tx,
      `insert into stock_movement (sku, node_id, kind, on_hand_delta, reference, note, actor_type, actor_id)
      select sku, node_id, 'RECEIPT', on_hand, 'opening-stock', 'opening stock', 'system', ? from jsonb_to_recordset(?::jsonb) as r(sku text, node_id text, on_hand int)`,
      [actorId, asJson(fresh)],
    );
  });
}

export const lane = (carrier: string, serviceLevel: Lane['serviceLevel'], overrides: Partial<Lane> = {}): Lane => ({
  carrier,
  serviceLevel,
  baseCost: serviceLevel === 'STANDARD' ? 600 : serviceLevel === 'EXPRESS' ? 1_200 : 2_000,
  costPerKg: 150,
  baseTransitHours: serviceLevel === 'STANDARD' ? 24 : serviceLevel === 'EXPRESS' ? 8 : 2,
  kmPerHour: serviceLevel === 'STANDARD' ? 40 : 60,
  gramsCo2ePerTonneKm: serviceLevel === 'SAME_DAY' ? 250 : 110,
  maxDistanceKm: serviceLevel === 'SAME_DAY' ? 60 : null,
  ...overrides,
});

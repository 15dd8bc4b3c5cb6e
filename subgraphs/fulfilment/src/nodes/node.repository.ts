import type { EntityManager } from '@mikro-orm/postgresql';
import type { Lane, NodeFacts, NodeKind, NodeStatus, ServiceLevel } from '../allocation/domain/allocation.types.js';
import { query } from '../persistence/sql.js';

export interface NodeRow {
  id: string;
  name: string;
  kind: NodeKind;
  region: string;
  zone: string;
  lat: number;
  lon: number;
  daily_capacity: number;
  cutoff_minutes: number[];
  status: NodeStatus;
  status_reason: string | null;
  status_changed_at: Date | null;
  status_changed_by: string | null;
  version: number;
  used_today: number;
}

interface LaneRow {
  node_id: string;
  carrier: string;
  service_level: ServiceLevel;
  base_cost: number;
  cost_per_kg: number;
  base_transit_hours: number;
  km_per_hour: number;
  grams_co2e_per_tonne_km: number;
  max_distance_km: number | null;
}

export const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/** Nodes with today's remaining capacity; `lock` takes the rows for the rest of the transaction. */
export async function loadNodeRows(em: EntityManager, filter: { ids?: string[]; regions?: string[] } = {}, day = utcDay(new Date())): Promise<NodeRow[]> {
  return query<NodeRow>(
    em,
    `
    select n.*, coalesce(u.used, 0)::int as used_today
      from node n left join capacity_usage u on u.node_id = n.id and u.day = ?::date
     where (?::text[] is null or n.id = any(?::text[])) and (?::text[] is null or n.region = any(?::text[]))
     order by n.id`,
    [day, pgArray(filter.ids), pgArray(filter.ids), pgArray(filter.regions), pgArray(filter.regions)],
  );
}

export async function loadLanes(em: EntityManager, nodeIds: string[]): Promise<Map<string, Lane[]>> {
  const rows = await query<LaneRow>(em, `select * from node_lane where node_id = any(?::text[]) order by node_id, carrier, service_level`, [pgArray(nodeIds)]);
  const lanes = new Map<string, Lane[]>();
  for (const row of rows) {
    const lane: Lane = {
      carrier: row.carrier,
      serviceLevel: row.service_level,
      baseCost: row.base_cost,
      costPerKg: row.cost_per_kg,
      baseTransitHours: row.base_transit_hours,
      kmPerHour: row.km_per_hour,
      gramsCo2ePerTonneKm: row.grams_co2e_per_tonne_km,
      maxDistanceKm: row.max_distance_km,
    };
    (lanes.get(row.node_id) ?? lanes.set(row.node_id, []).get(row.node_id)!).push(lane);
  }
  return lanes;
}

/** The allocation facts of every node (all regions: whether a node may serve an order is the domain's call). */
export async function loadNodeFacts(em: EntityManager, day = utcDay(new Date())): Promise<NodeFacts[]> {
  const rows = await loadNodeRows(em, {}, day);
  const lanes = await loadLanes(
    em,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    region: row.region,
    location: { lat: row.lat, lon: row.lon },
    status: row.status,
    remainingCapacity: Math.max(0, row.daily_capacity - row.used_today),
    cutoffMinutes: row.cutoff_minutes,
    lanes: lanes.get(row.id) ?? [],
  }));
}

/** A PostgreSQL array literal for a text[] parameter (null when absent), so no driver expands it into a list. */
export function pgArray(values: readonly string[] | undefined): string | null {
  if (!values) return null;
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

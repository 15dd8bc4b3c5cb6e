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
  for (const row of rows) (lanes.get(row.node_id) ?? lanes.set(row.node_id, []).get(row.node_id)!).push(laneOf(row));
  return lanes;
}

const laneOf = (row: LaneRow): Lane => ({
  carrier: row.carrier,
  serviceLevel: row.service_level,
  baseCost: row.base_cost,
  costPerKg: row.cost_per_kg,
  baseTransitHours: row.base_transit_hours,
  kmPerHour: row.km_per_hour,
  gramsCo2ePerTonneKm: row.grams_co2e_per_tonne_km,
  maxDistanceKm: row.max_distance_km,
});

/** A node's allocation facts as `loadNodeFacts` and the allocation context read them. */
export interface NodeFactsRow {
  id: string;
  kind: NodeKind;
  region: string;
  lat: number;
  lon: number;
  status: NodeStatus;
  daily_capacity: number;
  cutoff_minutes: number[];
  used_today: number;
  lanes: LaneRow[];
}

/** The lanes of node `n` as a JSON array, in the order `loadLanes` reads them. */
export const NODE_LANES_JSON = `coalesce((select json_agg(l order by l.carrier, l.service_level) from node_lane l where l.node_id = n.id), '[]')`;

/**
 * The allocation facts of every node (all regions: whether a node may serve an order is the domain's call), with its
 * lanes, in one statement.
 */
export async function loadNodeFacts(em: EntityManager, day = utcDay(new Date())): Promise<NodeFacts[]> {
  const rows = await query<NodeFactsRow>(
    em,
    `
    select n.id, n.kind, n.region, n.lat, n.lon, n.status, n.daily_capacity, n.cutoff_minutes, coalesce(u.used, 0)::int as used_today,
           ${NODE_LANES_JSON} as lanes
      from node n left join capacity_usage u on u.node_id = n.id and u.day = ?::date
     order by n.id`,
    [day],
  );
  return rows.map(nodeFactsOf);
}

export const nodeFactsOf = (row: NodeFactsRow): NodeFacts => ({
  id: row.id,
  kind: row.kind,
  region: row.region,
  location: { lat: row.lat, lon: row.lon },
  status: row.status,
  remainingCapacity: Math.max(0, row.daily_capacity - row.used_today),
  cutoffMinutes: row.cutoff_minutes,
  lanes: row.lanes.map(laneOf),
});

/** A PostgreSQL array literal for a text[] parameter (null when absent), so no driver expands it into a list. */
export function pgArray(values: readonly string[] | undefined): string | null {
  if (!values) return null;
  return `{${values.map((value) => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}

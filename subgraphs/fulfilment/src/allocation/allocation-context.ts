import type { EntityManager } from '@mikro-orm/postgresql';
import type { AllocationWeights, NodeFacts } from './domain/allocation.types.js';
import { DEFAULT_WEIGHTS } from './domain/objective.js';
import { loadNodeFacts, NODE_LANES_JSON, nodeFactsOf, type NodeFactsRow } from '../nodes/node.repository.js';
import { query } from '../persistence/sql.js';

export interface AllocationContext {
  nodes: NodeFacts[];
  weightsOf: (channel: string) => AllocationWeights;
}

interface SettingsRow {
  channel: string;
  cost: number;
  time: number;
  carbon: number;
  split_penalty: number;
}

/**
 * Locks today's capacity rows (in node order, after the stock rows) and reads the nodes and the channels' weights, in
 * one statement once the day's rows exist. A row locked after waiting for another allocation is returned as that one
 * committed it, so each node's use today is read from the locked rows themselves rather than from the statement's
 * snapshot. A new day (or node) first inserts the missing rows, then locks and reads as before.
 */
export async function lockCapacityAndLoadContext(em: EntityManager, day: string): Promise<AllocationContext> {
  const [row] = await query<{ locked: number; nodes: NodeFactsRow[]; settings: SettingsRow[] }>(
    em,
    `
    with locked as materialized (select node_id, used from capacity_usage where day = ?::date order by node_id for update)
    select (select count(*)::int from locked) as locked,
           coalesce((select json_agg(json_build_object('id', n.id, 'kind', n.kind, 'region', n.region, 'lat', n.lat, 'lon', n.lon, 'status', n.status,
                                                       'daily_capacity', n.daily_capacity, 'cutoff_minutes', n.cutoff_minutes,
                                                       'used_today', coalesce(u.used, 0), 'lanes', ${NODE_LANES_JSON}) order by n.id)
                       from node n left join locked u on u.node_id = n.id), '[]') as nodes,
           coalesce((select json_agg(s) from allocation_settings s), '[]') as settings`,
    [day],
  );
  const settings = weightsFrom(row!.settings);
  if (row!.locked >= row!.nodes.length) return { nodes: row!.nodes.map(nodeFactsOf), weightsOf: settings };
  await query(em, `insert into capacity_usage (node_id, day) select id, ?::date from node on conflict do nothing`, [day]);
  await query(em, `select 1 from capacity_usage where day = ?::date order by node_id for update`, [day]);
  return { nodes: await loadNodeFacts(em, day), weightsOf: settings };
}

/** Weights per sales channel; a channel without its own row uses `DEFAULT` or the built-in defaults. */
export function weightsFrom(rows: readonly SettingsRow[]): (channel: string) => AllocationWeights {
  const byChannel = new Map(rows.map((row) => [row.channel, { cost: row.cost, time: row.time, carbon: row.carbon, splitPenalty: row.split_penalty }]));
  return (channel) => byChannel.get(channel) ?? byChannel.get('DEFAULT') ?? DEFAULT_WEIGHTS;
}

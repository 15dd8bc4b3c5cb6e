import type { EntityManager } from '@mikro-orm/postgresql';
import type { AllocationWeights } from './domain/allocation.types.js';
import { DEFAULT_WEIGHTS } from './domain/objective.js';
import { query } from '../persistence/sql.js';

/** Weights per sales channel; a channel without its own row uses `DEFAULT` or the built-in defaults. */
export async function loadWeights(em: EntityManager): Promise<(channel: string) => AllocationWeights> {
  const rows = await query<{ channel: string; cost: number; time: number; carbon: number; split_penalty: number }>(em, 'select * from allocation_settings');
  const byChannel = new Map(rows.map((row) => [row.channel, { cost: row.cost, time: row.time, carbon: row.carbon, splitPenalty: row.split_penalty }]));
  return (channel) => byChannel.get(channel) ?? byChannel.get('DEFAULT') ?? DEFAULT_WEIGHTS;
}

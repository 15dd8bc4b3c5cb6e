import type { EntityManager } from '@mikro-orm/postgresql';
import { mikroOrmErrorOf } from './run-statement.js';

/**
 * Plans a queue's claim (`… where <pending> order by <index's order> limit n for update skip locked`) without bitmap
 * scans, for the rest of the transaction. A claimed row is updated out of its partial index (`published_at`,
 * `state`), and the index keeps an entry for each old version until VACUUM, which comes about once a minute. The
 * planner, counting few pending rows, read them by a bitmap scan, which visits the heap page of every such version on
 * every claim: at 100 orders/s region-cn's command claim read ~600 pages for 1,600 dead entries (1.5 ms), core's outbox
 * claim ~950. A plain index scan marks the entries it finds dead (LP_DEAD), so the next claim skips them unread.
 * Measured at 100 orders/s (2026-12-05, two runs each): PostgreSQL 7.6-8.1 → 6.2-6.4 ms of CPU per order, the
 * placement's p50 10.3-10.8 → 9.0-9.1 ms (16 against 20-25 at 300/s); the services' CPU rose about as much (8.3 →
 * 10.4 ms), since relays that claim sooner move fewer events per pass.
 */
export const PLAN_CLAIM_BY_INDEX = `set_config('enable_bitmapscan', 'off', true)`;

/**
 * Runs a claim outside a transaction in one round trip: the setting and the statement as one simple query, which
 * PostgreSQL runs as one implicit transaction, so the setting ends with it. No placeholders: the simple protocol binds
 * no values, so the caller writes only integers it controls into `claim`.
 */
export async function runQueueClaim<T extends object>(em: EntityManager, claim: string): Promise<T[]> {
  if (/\$\d|\?/.test(claim)) throw new Error('a queue claim binds no values: write its integers into the text');
  const pool = await em.getConnection().getNativeClient();
  try {
    const results = (await pool.query(`select ${PLAN_CLAIM_BY_INDEX}; ${claim}`)) as unknown as Array<{ rows: T[] }>;
    return results[1]!.rows;
  } catch (error) {
    throw mikroOrmErrorOf(em, error);
  }
}

/** An integer as it may be written into a claim's text; anything else is refused. */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  return String(value);
}

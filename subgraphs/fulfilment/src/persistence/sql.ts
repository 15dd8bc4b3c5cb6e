import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs SQL on the caller's transaction (or a fresh connection). Set-based writes pass their rows as one
 * JSON parameter read with `jsonb_to_recordset`, so 10,000 rows are one statement and one round trip.
 */
export async function query<T = Record<string, unknown>>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

export const asJson = (rows: unknown) => JSON.stringify(rows);

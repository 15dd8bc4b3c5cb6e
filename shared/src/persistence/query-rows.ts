import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs SQL in `em`'s transaction when it is in one (so it sees and is part of the same snapshot), otherwise on a
 * pooled connection, and returns the rows. Lists go as one JSON parameter (`jsonb_array_elements_text(?::jsonb)`):
 * MikroORM does not bind a JavaScript array to `= any(?)`.
 */
export function queryRows<T extends object>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, [...params], 'all', em.getTransactionContext());
}

import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery } from 'kysely';

const names = new Map<string, string>();

/** One name per text: a connection refuses a second text under a name it has prepared. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `hub_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Runs a statement written with `$1`… placeholders, its values bound rather than written into its text by MikroORM
 * (which costs the process CPU in proportion to the values, a batch's JSON say), and answers its rows.
 *
 * `prepare`: outside a transaction the statement is a named prepared statement, which each pooled connection parses
 * and plans once (region-cn's placement insert: 263-283 µs of the server's CPU against 473-503 written out,
 * 2026-12-05). After five runs PostgreSQL may keep a generic plan, made without the values: only for statements
 * whose best plan does not depend on them (inserts, look-ups by a unique key), never for a range a value bounds. In
 * `em`'s transaction the statement runs on the transaction's connection, planned each time: kysely's connections
 * name no statement. A database error comes back as MikroORM's exception (`UniqueConstraintViolationException`…).
 */
export async function runStatement<T extends object>(
  em: EntityManager,
  text: string,
  values: readonly unknown[],
  { prepare = false }: { prepare?: boolean } = {},
): Promise<T[]> {
  try {
    const transaction = em.getTransactionContext<{ executeQuery(query: CompiledQuery): Promise<{ rows: unknown[] }> }>();
    if (transaction) return (await transaction.executeQuery(CompiledQuery.raw(text, [...values]))).rows as T[];
    const pool = await em.getConnection().getNativeClient();
    const result = prepare ? await pool.query({ name: nameOf(text), text, values: [...values] }) : await pool.query(text, [...values]);
    return result.rows as T[];
  } catch (error) {
    throw mikroOrmErrorOf(em, error);
  }
}

/** A database error as MikroORM's exception (`UniqueConstraintViolationException`…), as a flush throws it. */
export function mikroOrmErrorOf(em: EntityManager, error: unknown): unknown {
  return error instanceof Error ? em.getPlatform().getExceptionConverter().convertException(error) : error;
}

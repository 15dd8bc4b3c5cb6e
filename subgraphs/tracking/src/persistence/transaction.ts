import type pg from 'pg';
import { Kysely, PostgresDialect, type ControlledTransaction } from 'kysely';
import type { EntityManager, MikroORM, Transaction } from '@mikro-orm/postgresql';

/** Runs `work` in one transaction on one pooled connection. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Like `inTransaction`, and also hands `work` an entity manager bound to the same connection and transaction,
 * for the shared writes that go through the ORM (`enqueueCoreCommand`). Tracking's set-wise SQL (COPY…) needs
 * the pg client itself, so the transaction is opened on that client and the ORM joins it: what `work` wrote
 * both ways commits or rolls back together, and the entity manager is flushed before the commit.
 */
export async function inTransactionWithOrm<T>(pool: pg.Pool, orm: MikroORM, work: (client: pg.PoolClient, em: EntityManager) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A dialect whose only connection is this client: the ORM's queries run on it, inside its transaction.
  const onThisClient = new Kysely<unknown>({
    dialect: new PostgresDialect({
      pool: { connect: async () => ({ query: client.query.bind(client), release: () => undefined }), end: async () => undefined } as never,
    }),
  });
  let transaction: ControlledTransaction<unknown> | undefined;
  try {
    transaction = await onThisClient.startTransaction().execute();
    const em = orm.em.fork();
    em.setTransactionContext(transaction as unknown as Transaction);
    const result = await work(client, em);
    await em.flush();
    await transaction.commit().execute();
    return result;
  } catch (error) {
    if (transaction && !transaction.isCommitted)
      await transaction
        .rollback()
        .execute()
        .catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await onThisClient.destroy();
  }
}

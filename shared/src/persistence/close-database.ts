import type { MikroORM } from '@mikro-orm/postgresql';
import type pg from 'pg';

/**
 * Closes a service's database once the queries it has already started are answered. Kysely 0.29 (under MikroORM)
 * drops its pool as `destroy()` begins, then reads it again when the pool hands over a connection it was still
 * opening: the read throws, that connection is never released, and `pool.end()` waits for it for ever. A heartbeat
 * that needed a new connection while core closed hung a suite that way once in ten runs. `boundMs` caps the wait
 * for a query that never ends.
 */
export async function closeDatabase(orm: MikroORM, boundMs = 10_000): Promise<void> {
  // A pool that cannot even be reached (PostgreSQL gone) has nothing to wait for: close regardless.
  await orm.em
    .getConnection()
    .getNativeClient()
    .then(
      (pool) => settled(pool, boundMs),
      () => undefined,
    );
  await orm.close();
}

const POOL_CHANGES = ['connect', 'acquire', 'release', 'remove', 'error'] as const;

/**
 * Every connection idle and nobody waiting for one. Checked a turn after each change of the pool: a chain of
 * queries asks for its next connection within the turn that released the last one.
 */
function settled(pool: pg.Pool, boundMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(bound);
      POOL_CHANGES.forEach((change) => pool.off(change, check));
      resolve();
    };
    const check = () =>
      setImmediate(() => {
        if (pool.idleCount === pool.totalCount && pool.waitingCount === 0) done();
      });
    const bound = setTimeout(done, boundMs);
    POOL_CHANGES.forEach((change) => pool.on(change, check));
    check();
  });
}

import { CommandOutboxMigration } from '../src/commands/command-outbox.migration.js';
import { CoreCommandRecord } from '../src/commands/core-command.entity.js';
import { closeDatabase } from '../src/persistence/close-database.js';
import { openDatabase } from '../src/persistence/orm.js';
import { createTestScope } from '../src/testing/harness.js';

/**
 * Closing a service's database while its last queries are still on their way in: a heartbeat that needed a new
 * connection while core closed once left `orm.close()` waiting forever (1 run in 10 of a region-cn suite).
 */
const scope = createTestScope('close-database');

afterAll(() => scope.dispose());

it('closes once the queries already started are answered, each of them on a new connection', async () => {
  const orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'close_test',
    entities: [CoreCommandRecord],
    migrations: { CommandOutboxMigration },
    poolSize: 4,
  });
  // Four queries at once need four new connections, all still being opened when the close begins.
  const answers = Promise.all([1, 2, 3, 4].map((n) => orm.em.getConnection().execute<Array<{ n: number }>>(`select ${n} as n`)));
  await closeDatabase(orm);
  expect((await answers).map(([row]) => row!.n)).toEqual([1, 2, 3, 4]);
  expect(await orm.isConnected()).toBe(false);
}, 30_000);

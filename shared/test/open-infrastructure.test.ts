import { CommandOutboxMigration } from '../src/commands/command-outbox.migration.js';
import { CoreCommandRecord } from '../src/commands/core-command.entity.js';
import { openInfrastructure } from '../src/server/infrastructure.js';
import { createTestScope } from '../src/testing/harness.js';

const scope = createTestScope('open-infrastructure');

afterAll(() => scope.dispose());

it("names the service's database connections after it, so PostgreSQL's views and logs say whose a statement is", async () => {
  const infra = await openInfrastructure('probe-service', scope.env, {
    schema: 'probe',
    entities: [CoreCommandRecord],
    migrations: { CommandOutboxMigration },
  });
  try {
    const [row] = await infra.orm.em
      .getConnection()
      .execute<Array<{ name: string }>>('select application_name as name from pg_stat_activity where pid = pg_backend_pid()');
    expect(row!.name).toBe('probe-service');
  } finally {
    await infra.close();
  }
}, 30_000);

import { Migration } from '@mikro-orm/migrations';
import type { OrderEvent } from '../src/messaging/contracts.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import type { OrderSnapshot } from '../src/messaging/contracts.js';
import { projectOrderEvents } from '../src/region/order-events.consumer.js';
import { PLACEMENT_PURPOSE, placementCommandHandlers } from '../src/region/order-intake.service.js';
import { RegionalOrder, RegionalOrderStatusEvent } from '../src/region/regional-order.entity.js';
import { createTestScope } from '../src/testing/harness.js';

class ProjectionSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "projection_test"."regional_order" ("order_id" uuid primary key, "status" text null, "status_version" int not null default 0, "registration" text not null default 'PENDING', "updated_at" timestamptz not null default now())`,
    );
    this.addSql(
      `create table "projection_test"."regional_order_status_event" ("order_id" uuid not null, "version" int not null, "from_status" text null, "to_status" text not null, "at" timestamptz not null, "actor_type" varchar(16) not null, primary key ("order_id", "version"))`,
    );
  }
}

/**
 * Events applied together leave what applying them one after another leaves: every status row, the highest version's
 * status. A batch of them and a batch of core's verdicts on the same orders lock those orders in one order.
 */
const scope = createTestScope('order-events-projection');
let orm: MikroORM;
const A = '0193a5a0-0000-7000-8000-00000000000a';
const B = '0193a5a0-0000-7000-8000-00000000000b';

beforeAll(async () => {
  orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema: 'projection_test',
    entities: [RegionalOrder, RegionalOrderStatusEvent],
    migrations: { ProjectionSchema },
  });
  await orm.em
    .getConnection()
    .execute(`insert into projection_test.regional_order (order_id, status, status_version) values ('${A}', null, 0), ('${B}', 'PAID', 5)`);
});

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

const placed = (orderId: string): OrderEvent =>
  ({ type: 'order.placed', orderId, version: 1, status: 'CREATED', occurredAt: '2026-11-25T08:00:00.000Z' }) as OrderEvent;
const moved = (orderId: string, version: number, from: string, to: string): OrderEvent =>
  ({
    type: 'order.status-changed',
    orderId,
    version,
    from,
    to,
    occurredAt: '2026-11-25T09:00:00.000Z',
    actor: { type: 'system', id: 'test' },
  }) as unknown as OrderEvent;

it('records every event and moves each order to its highest version only, whatever the arrival order', async () => {
  // A's events arrive out of order; B is already at version 5, so its older event leaves the status alone.
  await orm.em
    .fork()
    .transactional((em) => projectOrderEvents(em, [moved(A, 3, 'PAID', 'PICKED'), placed(A), moved(A, 2, 'CREATED', 'PAID'), moved(B, 4, 'CREATED', 'PAID')]));

  expect(await orm.em.getConnection().execute(`select order_id, status, status_version from projection_test.regional_order order by order_id`)).toEqual([
    { order_id: A, status: 'PICKED', status_version: 3 },
    { order_id: B, status: 'PAID', status_version: 5 },
  ]);
  expect(
    await orm.em
      .getConnection()
      .execute(`select order_id, version, from_status, to_status, actor_type from projection_test.regional_order_status_event order by order_id, version`),
  ).toEqual([
    { order_id: A, version: 1, from_status: null, to_status: 'CREATED', actor_type: 'system' },
    { order_id: A, version: 2, from_status: 'CREATED', to_status: 'PAID', actor_type: 'system' },
    { order_id: A, version: 3, from_status: 'PAID', to_status: 'PICKED', actor_type: 'system' },
    { order_id: B, version: 4, from_status: 'CREATED', to_status: 'PAID', actor_type: 'system' },
  ]);
});

it("waits for a batch of core's verdicts on the same orders instead of deadlocking with it", async () => {
  const connection = orm.em.getConnection();
  const waiting = async (count: number) => {
    for (;;) {
      const [row] = await connection.execute<[{ waiting: number }]>(
        `select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (row!.waiting >= count) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const verdicts = [A, B].map((orderId) => ({ command: { orderId }, order: {} as OrderSnapshot })) as Parameters<
    NonNullable<(typeof placementCommandHandlers)[typeof PLACEMENT_PURPOSE]['onAccepted']>
  >[1];
  await orm.em
    .fork()
    .transactional(async (holder) => {
      // A third transaction holds A: the verdicts (A, then B) wait for it first, then the events (B, then A).
      await holder
        .getConnection()
        .execute(`select order_id from projection_test.regional_order where order_id = '${A}' for update`, [], 'all', holder.getTransactionContext());
      const registered = orm.em.fork().transactional((em) => placementCommandHandlers[PLACEMENT_PURPOSE]!.onAccepted!(em, verdicts));
      await waiting(1);
      const projected = orm.em.fork().transactional((em) => projectOrderEvents(em, [moved(B, 6, 'PAID', 'PICKED'), moved(A, 4, 'PICKED', 'PACKED')]));
      await waiting(2);
      return { registered, projected };
    })
    .then(async ({ registered, projected }) => {
      await expect(Promise.all([registered, projected])).resolves.toBeDefined();
    });

  expect(await connection.execute(`select order_id, status, status_version, registration from projection_test.regional_order order by order_id`)).toEqual([
    { order_id: A, status: 'PACKED', status_version: 4, registration: 'REGISTERED' },
    { order_id: B, status: 'PICKED', status_version: 6, registration: 'REGISTERED' },
  ]);
});

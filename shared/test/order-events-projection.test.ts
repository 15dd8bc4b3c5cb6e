import { Migration } from '@mikro-orm/migrations';
import type { OrderEvent } from '../src/messaging/contracts.js';
import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { projectOrderEvents } from '../src/region/order-events.consumer.js';
import { RegionalOrder, RegionalOrderStatusEvent } from '../src/region/regional-order.entity.js';
import { createTestScope } from '../src/testing/harness.js';

class ProjectionSchema extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "projection_test"."regional_order" ("order_id" uuid primary key, "status" text null, "status_version" int not null default 0, "updated_at" timestamptz not null default now())`,
    );
    this.addSql(
      `create table "projection_test"."regional_order_status_event" ("order_id" uuid not null, "version" int not null, "from_status" text null, "to_status" text not null, "at" timestamptz not null, "actor_type" varchar(16) not null, primary key ("order_id", "version"))`,
    );
  }
}

/** Events applied together leave what applying them one after another leaves: every status row, the highest version's status. */
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

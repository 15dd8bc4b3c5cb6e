import type { OrderEvent } from '@hub/shared/messaging/contracts';
import { openDatabase, type MikroORM } from '@hub/shared/persistence/orm';
import { createTestScope } from '@hub/shared/testing/harness';
import { trackOrderEvents } from '../src/orders/order-events.consumer.js';
import { trackingEntities, TRACKING_SCHEMA } from '../src/persistence/entities.js';
import { trackingMigrations } from '../src/persistence/migrations/index.js';

/** Events applied together leave what applying them one after another leaves: the placed order's facts, the highest version's status. */
const scope = createTestScope('tracked-orders');
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({ clientUrl: scope.env.DATABASE_URL, schema: TRACKING_SCHEMA, entities: trackingEntities, migrations: trackingMigrations });
});

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

const A = '0193a5a0-0000-7000-8000-00000000000a';
const B = '0193a5a0-0000-7000-8000-00000000000b';
const C = '0193a5a0-0000-7000-8000-00000000000c';
const placed = (orderId: string, customerRef: string): OrderEvent =>
  ({ type: 'order.placed', orderId, region: 'cn', customerRef, version: 1, status: 'CREATED', occurredAt: '2026-11-25T08:00:00.000Z' }) as OrderEvent;
const moved = (orderId: string, version: number, to: string, at: string): OrderEvent =>
  ({
    type: 'order.status-changed',
    orderId,
    region: 'cn',
    version,
    from: 'CREATED',
    to,
    occurredAt: at,
    actor: { type: 'system', id: 'test' },
  }) as unknown as OrderEvent;

const tracked = async () =>
  orm.em
    .getConnection()
    .execute<Array<{ order_id: string; customer_ref: string; status: string; status_version: number }>>(
      `select order_id, customer_ref, status, status_version from tracking.tracked_order order by order_id`,
    );

it('keeps each placed order with its customer and the status of its highest version, however the events arrive together', async () => {
  await orm.em.fork().transactional((em) =>
    trackOrderEvents(em, [
      // A: a status change overtakes the placement within the batch.
      moved(A, 3, 'SHIPPED', '2026-11-25T10:00:00.000Z'),
      placed(A, 'cust-a'),
      moved(A, 2, 'PAID', '2026-11-25T09:00:00.000Z'),
      // B: only a status change so far, its placement comes in a later batch.
      moved(B, 2, 'PAID', '2026-11-25T09:00:00.000Z'),
      // C: placed and redelivered in the same batch.
      placed(C, 'cust-c'),
      placed(C, 'cust-c'),
    ]),
  );
  expect(await tracked()).toEqual([
    { order_id: A, customer_ref: 'cust-a', status: 'SHIPPED', status_version: 3 },
    { order_id: B, customer_ref: '', status: 'PAID', status_version: 2 },
    { order_id: C, customer_ref: 'cust-c', status: 'CREATED', status_version: 1 },
  ]);

  // B's placement arrives late: it brings the customer and leaves the newer status alone; an older change moves nothing.
  await orm.em.fork().transactional((em) => trackOrderEvents(em, [placed(B, 'cust-b'), moved(A, 2, 'PAID', '2026-11-25T09:00:00.000Z')]));
  expect(await tracked()).toEqual([
    { order_id: A, customer_ref: 'cust-a', status: 'SHIPPED', status_version: 3 },
    { order_id: B, customer_ref: 'cust-b', status: 'PAID', status_version: 2 },
    { order_id: C, customer_ref: 'cust-c', status: 'CREATED', status_version: 1 },
  ]);
});

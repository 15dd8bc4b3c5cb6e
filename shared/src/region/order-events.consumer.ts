import type { EntityManager } from '@mikro-orm/postgresql';
import { DurableConsumer, PLACEMENT_PATH_BATCH, type DurableConsumerOptions } from '../messaging/durable-consumer.js';
import { orderEventSchema, type OrderEvent } from '../messaging/contracts.js';
import { insertRows, RowBatch } from '../persistence/insert-rows.js';
import { runStatement } from '../persistence/run-statement.js';
import { tableOf } from '../persistence/table-name.js';
import type { Infrastructure } from '../server/infrastructure.js';
import { RegionalOrder, RegionalOrderStatusEvent } from './regional-order.entity.js';
import { regionalOrdersLockedInIdOrder } from './regional-order-locks.js';
import { settlePointsOnOrderEvent, settlesPoints } from './promotions/order-payment.service.js';

/**
 * Keeps the region's view of its orders current from core's events. Each event is applied once (the
 * consumer's processed-message row); events can still arrive out of order across redeliveries, so the
 * status only ever moves to a higher version. Events that arrive together are applied in one transaction, and
 * those that need no step of their own (every placement's `order.placed`) in two statements for the lot.
 */
export function createOrderEventsConsumer(
  infra: Pick<Infrastructure, 'nc' | 'orm' | 'logger' | 'subjects'>,
  region: string,
  extraHandler?: (event: OrderEvent, em: EntityManager) => Promise<void>,
  onSettled?: DurableConsumerOptions<OrderEvent>['onSettled'],
): DurableConsumer<OrderEvent> {
  /** An event whose effect is its status row and the order's status alone: no points to settle, no region step. */
  const projectionOnly = (event: OrderEvent) => !extraHandler && !settlesPoints(statusOf(event));
  const apply = async (event: OrderEvent, em: EntityManager) => {
    await projectOrderEvents(em, [event]);
    if (event.type !== 'order.placed') await settlePointsOnOrderEvent(em, event.orderId, event.to, new Date(event.occurredAt));
    await extraHandler?.(event, em);
  };
  return new DurableConsumer<OrderEvent>({
    nc: infra.nc,
    em: infra.orm.em,
    logger: infra.logger,
    stream: infra.subjects.ordersStream,
    durableName: infra.subjects.regionConsumer(region),
    filterSubject: infra.subjects.ordersOfRegion(region),
    schema: orderEventSchema,
    maxBatch: PLACEMENT_PATH_BATCH,
    ...(onSettled ? { onSettled } : {}),
    handle: apply,
    async handleBatch(events, em) {
      // In arrival order: a run of projection-only events is applied at once, any other event on its own after it.
      let run: OrderEvent[] = [];
      for (const event of events) {
        if (projectionOnly(event)) {
          run.push(event);
          continue;
        }
        await projectOrderEvents(em, run);
        run = [];
        await apply(event, em);
      }
      await projectOrderEvents(em, run);
    },
  });
}

const statusOf = (event: OrderEvent) => (event.type === 'order.placed' ? event.status : event.to);

/**
 * Each event's status row, and each order's status from the highest of its events above the version it has: what
 * applying them one after another leaves. Plain SQL: every order's placement brings one of these events.
 */
export async function projectOrderEvents(em: EntityManager, events: readonly OrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  const rows = new RowBatch();
  const latest = new Map<string, OrderEvent>();
  for (const event of events) {
    rows.add(RegionalOrderStatusEvent, {
      orderId: event.orderId,
      version: event.version,
      fromStatus: event.type === 'order.placed' ? null : event.from,
      toStatus: statusOf(event),
      at: new Date(event.occurredAt),
      actorType: event.type === 'order.placed' ? 'system' : event.actor.type,
    });
    if ((latest.get(event.orderId)?.version ?? -1) < event.version) latest.set(event.orderId, event);
  }
  await insertRows(em, rows);
  const table = tableOf(em, RegionalOrder);
  await runStatement(
    em,
    `with locked as materialized (${regionalOrdersLockedInIdOrder(table, '$3::uuid[]')})
     update ${table} o set status = e.status, status_version = e.version, updated_at = $1::timestamptz
       from jsonb_to_recordset($2::jsonb) as e(order_id uuid, status text, version int), locked
      where o.order_id = e.order_id and o.order_id = locked.order_id and o.status_version < e.version`,
    [
      new Date(),
      JSON.stringify([...latest.values()].map((event) => ({ order_id: event.orderId, status: statusOf(event), version: event.version }))),
      [...latest.keys()],
    ],
  );
}

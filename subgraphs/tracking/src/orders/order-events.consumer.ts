import type { EntityManager } from '@mikro-orm/postgresql';
import { DurableConsumer, PLACEMENT_PATH_BATCH, type DurableConsumerOptions } from '@hub/shared/messaging/durable-consumer';
import { orderEventSchema, type OrderEvent } from '@hub/shared/messaging/contracts';
import { runStatement } from '@hub/shared/persistence/run-statement';
import type { Infrastructure } from '@hub/shared/server/infrastructure';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';

/**
 * Keeps tracking's copy of what it needs about each order from core's events: region and pseudonymous
 * customer (who may read the journey, where notices go), status and its time (the status freshness layer,
 * B2B progress). Only a higher version moves the status, so redelivered or reordered events change nothing.
 */
export function createTrackedOrdersConsumer(
  infra: Infrastructure,
  subjects: TrackingSubjects,
  onApplied: (orderId: string) => void,
  onSettled?: DurableConsumerOptions<OrderEvent>['onSettled'],
): DurableConsumer<OrderEvent> {
  return new DurableConsumer<OrderEvent>({
    nc: infra.nc,
    em: infra.orm.em,
    logger: infra.logger,
    stream: infra.subjects.ordersStream,
    durableName: subjects.ordersConsumer,
    filterSubject: infra.subjects.ordersAll,
    schema: orderEventSchema,
    maxBatch: PLACEMENT_PATH_BATCH,
    onSettled: (outcome) => {
      // Message ids are `<type>:<orderId>:<version>`; once committed, parked events naming the order can join it.
      if (outcome.outcome === 'applied') onApplied(outcome.messageId.split(':')[1]!);
      onSettled?.(outcome);
    },
    handle: (event, em) => trackOrderEvents(em, [event]),
    handleBatch: (events, em) => trackOrderEvents(em, events),
  });
}

/**
 * What applying the events one after another leaves, in at most two statements however many arrive together: each
 * placed order's region, customer and placement time, then each order's status from the highest version above the one
 * it has. A status change can overtake its order's placement: the row is then created with a placeholder customer
 * until it arrives.
 */
export async function trackOrderEvents(em: EntityManager, events: readonly OrderEvent[]): Promise<void> {
  const placed = new Map<string, Extract<OrderEvent, { type: 'order.placed' }>>();
  const latest = new Map<string, OrderEvent>();
  for (const event of events) {
    if (event.type === 'order.placed') placed.set(event.orderId, event);
    if ((latest.get(event.orderId)?.version ?? -1) < event.version) latest.set(event.orderId, event);
  }
  const rows = (list: Iterable<OrderEvent>, customer: (event: OrderEvent) => string) =>
    JSON.stringify(
      [...list].map((event) => ({
        order_id: event.orderId,
        region: event.region,
        customer_ref: customer(event),
        status: event.type === 'order.placed' ? event.status : event.to,
        status_version: event.version,
        status_at: event.occurredAt,
        placed_at: event.occurredAt,
      })),
    );
  const columns = 'order_id, region, customer_ref, status, status_version, status_at, placed_at';
  const from = `from jsonb_populate_recordset(null::"tracking".tracked_order, $1::jsonb)`;
  if (placed.size > 0) {
    await runStatement(
      em,
      `insert into "tracking".tracked_order (${columns}) select ${columns} ${from}
        on conflict (order_id) do update set region = excluded.region, customer_ref = excluded.customer_ref, placed_at = excluded.placed_at`,
      [rows(placed.values(), (event) => (event.type === 'order.placed' ? event.customerRef : ''))],
    );
  }
  // An order whose newest event here is its placement got that status from the statement above (a row already there
  // came from the same placement or from a later change): only status changes need the second statement.
  const changed = [...latest.values()].filter((event) => event.type !== 'order.placed');
  if (changed.length === 0) return;
  await runStatement(
    em,
    `insert into "tracking".tracked_order (${columns}) select ${columns} ${from}
      on conflict (order_id) do update set status = excluded.status, status_version = excluded.status_version, status_at = excluded.status_at
      where "tracked_order".status_version < excluded.status_version`,
    [rows(changed, () => '')],
  );
}

import { DurableConsumer, PLACEMENT_PATH_BATCH, type DurableConsumerOptions } from '@hub/shared/messaging/durable-consumer';
import { orderEventSchema, type OrderEvent } from '@hub/shared/messaging/contracts';
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
    async handle(event, em) {
      const status = event.type === 'order.placed' ? event.status : event.to;
      const connection = em.getConnection();
      const context = em.getTransactionContext();
      if (event.type === 'order.placed') {
        await connection.execute(
          `insert into "tracking".tracked_order (order_id, region, customer_ref, status, status_version, status_at, placed_at)
          values (?, ?, ?, ?, ?, ?, ?) on conflict (order_id) do update set region = excluded.region, customer_ref = excluded.customer_ref,
          placed_at = excluded.placed_at`,
          [event.orderId, event.region, event.customerRef, status, event.version, event.occurredAt, event.occurredAt],
          'run',
          context,
        );
      }
      // A status change can overtake its order's placement: the row is then created with a placeholder customer until it arrives.
      await connection.execute(
        `insert into "tracking".tracked_order (order_id, region, customer_ref, status, status_version, status_at, placed_at)
          values (?, ?, '', ?, ?, ?, ?) on conflict (order_id) do update set status = excluded.status, status_version = excluded.status_version,
          status_at = excluded.status_at where "tracked_order".status_version < excluded.status_version`,
        [event.orderId, event.region, status, event.version, event.occurredAt, event.occurredAt],
        'run',
        context,
      );
    },
  });
}

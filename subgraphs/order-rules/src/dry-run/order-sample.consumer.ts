import type { EntityManager } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@hub/shared/logger';
import { orderPlacedEventSchema, type OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { DurableConsumer, PLACEMENT_PATH_BATCH } from '@hub/shared/messaging/durable-consumer';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { rulesSubjectsFor } from '@hub/shared/rules/replication/rules-contracts';

/** Keeps this long of order history for dry-runs; older samples are deleted by the retention job. */
export const SAMPLE_RETENTION_DAYS = 90;

/**
 * Keeps a de-personalised copy of every order core registers (its `order.placed` event): region, channel,
 * amounts and lines, never the customer reference, so a dry-run replays real orders without personal data and
 * without asking core at the moment of the dry-run.
 */
export function createOrderSampleConsumer(options: {
  nc: NatsConnection;
  em: EntityManager;
  logger: Logger;
  subjects: Subjects;
  namespace: string;
  schema: string;
  onSettled?: () => void;
}) {
  return new DurableConsumer<OrderPlacedEvent>({
    nc: options.nc,
    em: options.em,
    logger: options.logger,
    stream: options.subjects.ordersStream,
    durableName: rulesSubjectsFor(options.namespace).samplesConsumer,
    filterSubject: options.subjects.orderPlaced('*'),
    schema: orderPlacedEventSchema,
    maxBatch: PLACEMENT_PATH_BATCH,
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    handle: async (event, em) => {
      const lines = (event.lines ?? []).map((line) => ({ sku: line.sku, quantity: line.quantity, attributes: line.attributes }));
      await em
        .getConnection()
        .execute(
          `insert into "${options.schema}".order_sample (order_id, number, region, channel, currency, grand_total, placed_at, lines) values (?, ?, ?, ?, ?, ?, ?, ?::jsonb) on conflict (order_id) do nothing`,
          [event.orderId, event.number, event.region, event.channel, event.currency, event.grandTotal, event.occurredAt, JSON.stringify(lines)],
          'run',
          em.getTransactionContext(),
        );
    },
  });
}

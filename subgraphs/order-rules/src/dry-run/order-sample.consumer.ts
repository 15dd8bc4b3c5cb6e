import type { EntityManager } from '@mikro-orm/postgresql';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@hub/shared/logger';
import { orderPlacedEventSchema, type OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { DurableConsumer, PLACEMENT_PATH_BATCH } from '@hub/shared/messaging/durable-consumer';
import { runStatement } from '@hub/shared/persistence/run-statement';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { rulesSubjectsFor } from '@hub/shared/rules/replication/rules-contracts';

/** Keeps this long of order history for dry-runs; older samples are deleted by the retention job. */
export const SAMPLE_RETENTION_DAYS = 90;

/**
 * Keeps a de-personalised copy of every order core registers (its `order.placed` event): region, channel,
 * amounts and lines, never the customer reference, so a dry-run replays real orders without personal data and
 * without asking core at the moment of the dry-run. Keeping a sample is one insert that skips an order already
 * kept, so a redelivered event cannot apply twice by construction: no processed-message row, no transaction, and
 * the orders that arrive together cost one statement.
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
    idempotent: true,
    ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    handle: (event, em) => storeSamples(em, options.schema, [event]),
    handleBatch: (events, em) => storeSamples(em, options.schema, events),
  });
}

/** The events' samples in one statement, however many arrive together; a sample already kept stays as it is. */
async function storeSamples(em: EntityManager, schema: string, events: readonly OrderPlacedEvent[]): Promise<void> {
  const samples = events.map((event) => ({
    order_id: event.orderId,
    number: event.number,
    region: event.region,
    channel: event.channel,
    currency: event.currency,
    grand_total: event.grandTotal,
    placed_at: event.occurredAt,
    lines: (event.lines ?? []).map((line) => ({ sku: line.sku, quantity: line.quantity, attributes: line.attributes })),
  }));
  const columns = 'order_id, number, region, channel, currency, grand_total, placed_at, lines';
  await runStatement(
    em,
    `insert into "${schema}".order_sample (${columns}) select ${columns} from jsonb_populate_recordset(null::"${schema}".order_sample, $1::jsonb) on conflict (order_id) do nothing`,
    [JSON.stringify(samples)],
  );
}

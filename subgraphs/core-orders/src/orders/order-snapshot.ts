import type { OrderPlacedEvent, OrderSnapshot } from '@hub/shared/messaging/contracts';
import type { Order } from './persistence/order.entity.js';

/** The order's fields a snapshot shows: an entity, or a row read by plain SQL. */
export type SnapshotFields = Pick<Order, 'id' | 'number' | 'region' | 'status' | 'version' | 'grandTotal' | 'currency'>;

/** What core tells a region about an order it registered or moved. */
export function toSnapshot(order: SnapshotFields): OrderSnapshot {
  return {
    orderId: order.id,
    number: order.number,
    region: order.region,
    status: order.status,
    version: order.version,
    grandTotal: order.grandTotal,
    currency: order.currency,
  };
}

/** The audited state of an order: the fields a status change or registration can alter. */
export function toAuditState(order: Order): Record<string, unknown> {
  return { status: order.status, version: order.version, grandTotal: order.grandTotal, currency: order.currency };
}

/**
 * The `order.placed` event: at registration, and again with `held: false` when the last approval releases a held
 * order (fulfilment waits for that one).
 */
export function orderPlacedEvent(
  order: Pick<Order, 'id' | 'number' | 'region' | 'channel' | 'currency' | 'grandTotal' | 'customerRef' | 'status' | 'version' | 'delivery' | 'ruleFacts'>,
  lines: OrderPlacedEvent['lines'],
  occurredAt: Date,
  // A new order has no version before its first flush: registration says 1.
  { version = order.version, held }: { version?: number; held?: boolean } = {},
): OrderPlacedEvent {
  return {
    type: 'order.placed',
    orderId: order.id,
    number: order.number,
    region: order.region,
    channel: order.channel,
    currency: order.currency,
    grandTotal: order.grandTotal,
    customerRef: order.customerRef,
    status: order.status,
    version,
    occurredAt: occurredAt.toISOString(),
    lines,
    ...(held === undefined ? {} : { held }),
    ...(order.delivery ? { delivery: order.delivery } : {}),
    ...(order.ruleFacts ? { ruleFacts: order.ruleFacts } : {}),
  };
}

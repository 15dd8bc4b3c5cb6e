import type { OrderSnapshot } from '@hub/shared/messaging/contracts';
import type { Order } from './persistence/order.entity.js';

/** What core tells a region about an order it registered or moved. */
export function toSnapshot(order: Order): OrderSnapshot {
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

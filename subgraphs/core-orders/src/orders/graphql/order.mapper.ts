import { toOrderPromotionView } from '@hub/shared/graphql/order-promotion.type';
import type { OrderLine } from '../persistence/order-line.entity.js';
import type { Order } from '../persistence/order.entity.js';
import type { OrderStatusChange } from '../persistence/order-status-change.entity.js';
import { toActorView, type OrderLineView, type OrderRecordView, type OrderStatusChangeView } from './order.types.js';

/** The API is not the table: entities become views here and nowhere else. */
export function toOrderView(order: Order): OrderRecordView {
  return {
    id: order.id,
    number: order.number,
    region: order.region,
    channel: order.channel,
    currency: order.currency,
    customerRef: order.customerRef,
    status: order.status,
    paymentTerms: order.paymentTerms,
    version: order.version,
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
    totals: {
      itemsTotal: order.itemsTotal,
      taxTotal: order.taxTotal,
      shippingTotal: order.shippingTotal,
      discountTotal: order.discountTotal,
      grandTotal: order.grandTotal,
    },
    promotions: (order.pricedWith?.promotions ?? []).map(toOrderPromotionView),
    hold: order.hold
      ? {
          levels: order.hold.levels,
          reasons: order.hold.reasons,
          approvals: order.hold.approvals.map((approval) => ({ ...approval, actor: toActorView(approval.actor), at: new Date(approval.at) })),
          releasedAt: order.hold.releasedAt ? new Date(order.hold.releasedAt) : null,
        }
      : null,
    // The consolidation key stays internal: it only tells fulfilment which orders share an address.
    delivery: order.delivery
      ? {
          option: order.delivery.option,
          promisedBy: new Date(order.delivery.promisedBy),
          consolidateUntil: order.delivery.consolidateUntil ? new Date(order.delivery.consolidateUntil) : null,
        }
      : null,
  };
}

export function toOrderLineView(line: OrderLine): OrderLineView {
  return {
    id: `${line.order.id}:${line.lineNo}`,
    lineNo: line.lineNo,
    sku: line.sku,
    name: line.name,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    unitTax: line.unitTax,
    discount: line.discount,
    discountTax: line.discountTax,
    lineTotal: line.lineTotal,
    attributes: line.attributes,
  };
}

export function toOrderStatusChangeView(step: OrderStatusChange): OrderStatusChangeView {
  return {
    id: `${step.order.id}:${step.sequence}`,
    sequence: step.sequence,
    from: step.fromStatus ?? null,
    to: step.toStatus,
    at: step.at,
    occurredAt: step.occurredAt,
    actor: toActorView({ type: step.actorType, id: step.actorId }),
    note: step.note ?? null,
    orderVersion: step.orderVersion,
    event: step.event ?? null,
    details: step.details
      ? {
          fromNode: step.details.fromNode ?? null,
          toNodes: step.details.toNodes,
          estimatedDeliveryAt: step.details.estimatedDeliveryAt ? new Date(step.details.estimatedDeliveryAt) : null,
        }
      : null,
  };
}

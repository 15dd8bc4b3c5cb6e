import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import {
  CHANNELS,
  type OrderDelivery,
  type OrderRuleFacts,
  type OrderStatus,
  type PaymentTerms,
  type RegisterOrderRequest,
} from '@hub/shared/messaging/contracts';
import type { OrderHold } from '../domain/order-hold.rules.js';
import { OrderLine } from './order-line.entity.js';
import { OrderStatusChange } from './order-status-change.entity.js';

/** The master order. Money is in minor units of `currency`; the customer is only a pseudonymous reference. */
export const Order = defineEntity({
  name: 'Order',
  tableName: 'order',
  indexes: [
    // The approvers' inbox reads unreleased holds oldest first; a partial index keeps that read off the whole table.
    { name: 'order_hold_awaiting_index', properties: ['placedAt', 'id'], where: `hold is not null and (hold->>'releasedAt') is null` },
    // A region's orders in a time window (its summaries' reconciliation, an operator's list newest first) read only that
    // region's rows of the window; it serves a region alone as well.
    { name: 'order_region_placed_at_index', properties: ['region', 'placedAt'] },
  ],
  properties: {
    id: p.uuid().primary(),
    /** Allocated by the region that took the order in (region prefix + the region's sequence). */
    number: p.string().length(40).unique(),
    region: p.string().length(16),
    channel: p.enum(CHANNELS),
    currency: p.string().length(3),
    customerRef: p.string().length(200).index(),
    /** One of `ORDER_STATUSES`; the state machine decides, so the list is not repeated in SQL. */
    status: p.string().length(32).$type<OrderStatus>().index(),
    /** Cash on delivery skips PAID: the money is taken at the door. */
    paymentTerms: p.string().length(20).$type<PaymentTerms>().default('PREPAID'),
    itemsTotal: p.bigint('number'),
    taxTotal: p.bigint('number'),
    shippingTotal: p.bigint('number'),
    discountTotal: p.bigint('number'),
    grandTotal: p.bigint('number'),
    /** The catalogue and price list the region priced the lines from; null for orders priced by the client. */
    pricedWith: p.json<NonNullable<RegisterOrderRequest['pricedWith']>>().nullable(),
    /** An order-rule hold for review (null: never held); fulfilment does not take the order until it is released. */
    hold: p.json<OrderHold>().nullable(),
    /** The delivery option chosen at checkout and its promise (issue 16); null: placed before options, standard. */
    delivery: p.json<OrderDelivery>().nullable(),
    /** The order-rule facts and inventory-lock decision the region sent; echoed in `order.placed` for fulfilment. */
    ruleFacts: p.json<OrderRuleFacts>().nullable(),
    /** `<region>:<client key>`: the same placement retried can never create a second order. */
    idempotencyKey: p.string().length(220).unique(),
    /** Fingerprint of the registration request, so a key reused for a different order is refused. */
    requestHash: p.string().length(64),
    placedAt: p.datetime().index(),
    updatedAt: p.datetime().onUpdate(() => new Date()),
    version: p.integer().version(),
    lines: () => p.oneToMany(OrderLine).mappedBy('order').orderBy({ lineNo: 'asc' }),
    timeline: () => p.oneToMany(OrderStatusChange).mappedBy('order').orderBy({ sequence: 'asc' }),
  },
});
export type Order = InferEntity<typeof Order>;

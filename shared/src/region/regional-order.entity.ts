import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OrderStatus, RegisterOrderRequest } from '../messaging/contracts.js';
import type { RulesHandledWith } from './placement/placement-order-rules.js';
import type { OrderPayment } from './promotions/order-payment.js';

export const REGISTRATION_STATES = ['PENDING', 'REGISTERED', 'REJECTED'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

/**
 * A region's record of an order it took in: the link between the master order in core and the
 * customer's personal data, which never leaves the region. Written with the registration command in one
 * transaction: the region answers from it at once, and core registers the order when the command reaches it.
 * Statuses are core's list (`ORDER_STATUSES`), kept in code only: the column has no CHECK spelling them out.
 */
export const RegionalOrder = defineEntity({
  name: 'RegionalOrder',
  tableName: 'regional_order',
  properties: {
    orderId: p.uuid().primary(),
    placedBy: p.string().length(200),
    idempotencyKey: p.string().length(200),
    /** Fingerprint of the client's input: the same key with a different order is refused. */
    inputHash: p.string().length(64),
    customerRef: p.string().length(200).index(),
    /** PENDING until core has registered the order, REJECTED if core refused it (the order is void). */
    registration: p.string().length(16).$type<RegistrationState>(),
    /** Core's reason for refusing the registration. */
    registrationRejection: p.string().length(500).nullable(),
    /** Exactly what is sent to core, so every retry sends the same request. */
    registrationRequest: p.json<RegisterOrderRequest>(),
    /** Allocated by the region at placement. */
    orderNumber: p.string().length(40).nullable(),
    /** The latest status core reported, kept current by the order-event consumer. */
    status: p.string().length(32).$type<OrderStatus>().nullable(),
    statusVersion: p.integer().default(0),
    /** The order-rule versions placement evaluated (null before regions evaluated order rules): which rules handled the order. */
    rulesHandledWith: p.json<RulesHandledWith>().nullable(),
    /** How the order is paid when a presale deposit or points are involved (null: all cash at once, nothing earned). */
    payment: p.json<OrderPayment>().nullable(),
    /** Indexed: the summary job reads the orders of each recent period by it. */
    createdAt: p
      .datetime()
      .onCreate(() => new Date())
      .index('regional_order_created_at_index'),
    /** Indexed: the summary job finds the periods with changed orders by it. */
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date())
      .index('regional_order_updated_at_index'),
  },
  uniques: [{ properties: ['placedBy', 'idempotencyKey'] }],
  /** The summary job's unconfirmed orders of a period; few, so the index stays small. */
  indexes: [{ name: 'regional_order_unconfirmed_index', properties: ['createdAt'], where: `registration in ('PENDING', 'REJECTED')` }],
});
export type RegionalOrder = InferEntity<typeof RegionalOrder>;

/** The region's copy of an order's timeline, one row per status change (regional rules such as return windows read it). */
export const RegionalOrderStatusEvent = defineEntity({
  name: 'RegionalOrderStatusEvent',
  tableName: 'regional_order_status_event',
  properties: {
    orderId: p.uuid().primary(),
    version: p.integer().primary(),
    fromStatus: p.string().length(32).$type<OrderStatus>().nullable(),
    toStatus: p.string().length(32).$type<OrderStatus>(),
    /** When the step happened (a carrier's scan time), which regional rules such as the CN return window count from. */
    at: p.datetime(),
    actorType: p.string().length(16),
  },
});
export type RegionalOrderStatusEvent = InferEntity<typeof RegionalOrderStatusEvent>;

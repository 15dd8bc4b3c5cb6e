import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ORDER_STATUSES, type RegisterOrderRequest } from '../messaging/contracts.js';

/**
 * A region's record of an order it took in: the link between the master order in core and the
 * customer's personal data, which never leaves the region. Written before core is asked, so a placement
 * interrupted at any point is completed by a retry with the same key or by the registration sweep.
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
    registration: p.enum(['PENDING', 'REGISTERED'] as const).index(),
    /** Exactly what is sent to core, so every retry sends the same request. */
    registrationRequest: p.json<RegisterOrderRequest>(),
    orderNumber: p.string().length(40).nullable(),
    /** The latest status core reported, kept current by the order-event consumer. */
    status: p.enum(ORDER_STATUSES).nullable(),
    statusVersion: p.integer().default(0),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
  uniques: [{ properties: ['placedBy', 'idempotencyKey'] }],
});
export type RegionalOrder = InferEntity<typeof RegionalOrder>;

/** The region's copy of an order's timeline, one row per status change (regional rules such as return windows read it). */
export const RegionalOrderStatusEvent = defineEntity({
  name: 'RegionalOrderStatusEvent',
  tableName: 'regional_order_status_event',
  properties: {
    orderId: p.uuid().primary(),
    version: p.integer().primary(),
    fromStatus: p.enum(ORDER_STATUSES).nullable(),
    toStatus: p.enum(ORDER_STATUSES),
    at: p.datetime(),
    actorType: p.string().length(16),
  },
});
export type RegionalOrderStatusEvent = InferEntity<typeof RegionalOrderStatusEvent>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { OrderNoteDetails, OrderNoteEvent, OrderStatus } from '@hub/shared/messaging/contracts';
import { Order } from './order.entity.js';

/**
 * One step of an order's timeline (a status change, a hold approval or a note such as a re-allocation): when it
 * happened and when it was recorded, who (user, system or carrier) and from which status to which.
 */
export const OrderStatusChange = defineEntity({
  name: 'OrderStatusChange',
  tableName: 'order_status_change',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    order: () => p.manyToOne(Order).deleteRule('cascade'),
    sequence: p.integer(),
    fromStatus: p.string().length(32).$type<OrderStatus>().nullable(),
    toStatus: p.string().length(32).$type<OrderStatus>(),
    /** When core recorded the step. */
    at: p.datetime(),
    /** When it happened (a carrier's scan, a region's local change): what deadlines count from. */
    occurredAt: p.datetime(),
    actorType: p.string().length(16),
    actorId: p.string().length(200),
    note: p.string().length(500).nullable(),
    /** Set on a note (a step that leaves the status as it was, from = to): what happened; null on a status step. */
    event: p.string().length(32).$type<OrderNoteEvent>().nullable(),
    /** A note's node ids and new estimate. */
    details: p.json<OrderNoteDetails>().nullable(),
    /** The client's id for this request: a retried transition finds it and answers with the current order. */
    requestId: p.string().length(200).nullable().unique(),
    orderVersion: p.integer(),
  },
  uniques: [{ properties: ['order', 'sequence'] }],
});
export type OrderStatusChange = InferEntity<typeof OrderStatusChange>;

import { z } from 'zod';

/** The order statuses as they travel between services; core's state machine decides which moves are legal. */
export const ORDER_STATUSES = [
  'CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED', 'CANCELLED',
  'DELIVERY_REFUSED', 'RETURNED_TO_SENDER',
  'RETURN_REQUESTED', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', 'RETURN_RECEIVED', 'RETURN_REJECTED', 'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const CHANNELS = ['WEB', 'MOBILE_APP', 'MINI_PROGRAM', 'MARKETPLACE', 'CALL_CENTER'] as const;
export type Channel = (typeof CHANNELS)[number];

const actorSchema = z.object({ type: z.enum(['user', 'system', 'carrier']), id: z.string().min(1).max(200) });
const minorUnits = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const orderLineInputSchema = z.object({
  sku: z.string().min(1).max(64),
  name: z.string().min(1).max(300),
  quantity: z.number().int().min(1).max(10_000),
  unitPrice: minorUnits,
  unitTax: minorUnits,
  /** Product attributes as sold (size, colour, category flags…): later price or catalogue changes must not alter a past order. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;

/** A region asks core to register an order. Contains no personal data: the customer is a pseudonymous reference. */
export const registerOrderRequestSchema = z.object({
  idempotencyKey: z.string().min(8).max(200),
  orderId: z.uuid(),
  region: z.string().min(2).max(16),
  channel: z.enum(CHANNELS),
  currency: z.string().regex(/^[A-Z]{3}$/),
  customerRef: z.string().min(1).max(200),
  lines: z.array(orderLineInputSchema).min(1).max(500),
  shippingTotal: minorUnits.default(0),
  discountTotal: minorUnits.default(0),
  actor: actorSchema,
});
export type RegisterOrderRequest = z.infer<typeof registerOrderRequestSchema>;

export const transitionOrderRequestSchema = z.object({
  orderId: z.uuid(),
  to: z.enum(ORDER_STATUSES),
  expectedVersion: z.number().int().min(1).optional(),
  note: z.string().max(500).optional(),
  /** Makes a retried request harmless: core answers a repeat with the order as it is now. */
  requestId: z.string().min(8).max(200).optional(),
  actor: actorSchema,
});
export type TransitionOrderRequest = z.infer<typeof transitionOrderRequestSchema>;

/** Core's answer to a region: the master order's identity and state, or a typed error. */
export const orderSnapshotSchema = z.object({
  orderId: z.uuid(),
  number: z.string(),
  region: z.string(),
  status: z.enum(ORDER_STATUSES),
  version: z.number().int(),
  grandTotal: minorUnits,
  currency: z.string(),
});
export type OrderSnapshot = z.infer<typeof orderSnapshotSchema>;

export const coreReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), order: orderSnapshotSchema }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).default({}) }),
]);
export type CoreReply = z.infer<typeof coreReplySchema>;

export const orderPlacedEventSchema = z.object({
  type: z.literal('order.placed'),
  orderId: z.uuid(),
  number: z.string(),
  region: z.string(),
  channel: z.enum(CHANNELS),
  currency: z.string(),
  grandTotal: minorUnits,
  customerRef: z.string(),
  status: z.enum(ORDER_STATUSES),
  version: z.number().int(),
  occurredAt: z.iso.datetime(),
  /** What was ordered, so fulfilment can reserve stock without calling back; absent in events from before it was added. */
  lines: z.array(z.object({
    lineNo: z.number().int().min(1),
    sku: z.string().min(1).max(64),
    quantity: z.number().int().min(1),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  })).optional(),
});
export type OrderPlacedEvent = z.infer<typeof orderPlacedEventSchema>;

export const orderStatusChangedEventSchema = z.object({
  type: z.literal('order.status-changed'),
  orderId: z.uuid(),
  region: z.string(),
  from: z.enum(ORDER_STATUSES),
  to: z.enum(ORDER_STATUSES),
  version: z.number().int(),
  actor: actorSchema,
  occurredAt: z.iso.datetime(),
});
export type OrderStatusChangedEvent = z.infer<typeof orderStatusChangedEventSchema>;

export const orderEventSchema = z.discriminatedUnion('type', [orderPlacedEventSchema, orderStatusChangedEventSchema]);
export type OrderEvent = z.infer<typeof orderEventSchema>;

/**
 * The JetStream message id of an order event, derived from the change itself: the same change always gets
 * the same id, so a republish after a crash is dropped by the stream's duplicate window.
 */
export function orderEventMessageId(event: Pick<OrderEvent, 'type' | 'orderId' | 'version'>): string {
  return `${event.type}:${event.orderId}:${event.version}`;
}

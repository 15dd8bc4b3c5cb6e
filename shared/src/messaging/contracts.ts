import { z } from 'zod';

/** The order statuses as they travel between services; core's state machine decides which moves are legal. */
export const ORDER_STATUSES = [
  'CREATED',
  'PAID',
  'PICKED',
  'PACKED',
  'OUTBOUND',
  'FIRST_SCAN',
  'OUT_FOR_DELIVERY',
  'SIGNED',
  'CANCELLED',
  'DELIVERY_REFUSED',
  'RETURNED_TO_SENDER',
  'RETURN_REQUESTED',
  'RETURN_PICKUP_SCHEDULED',
  'RETURN_PICKED_UP',
  'RETURN_RECEIVED',
  'RETURN_REJECTED',
  'REFUNDED',
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
  /** Net minor units promotions took off `quantity × unitPrice` (part of the order's `discountTotal`); absent: none. */
  discount: minorUnits.optional(),
  /** The VAT the line no longer bears because of its discount (the VAT base is the discounted price); absent: none. */
  discountTax: minorUnits.optional(),
  /** Product attributes as sold (size, colour, category flags…): later price or catalogue changes must not alter a past order. */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;

/** A discount or gift an order rule gave an order (issue 14), as core records it with the prices. */
export const appliedPromotionSchema = z.object({
  kind: z.enum(['DISCOUNT', 'GIFT']),
  ruleSet: z.string().min(1).max(64),
  version: z.number().int().min(1),
  ruleId: z.string().min(1).max(100),
  label: z.string().max(500),
  /** DISCOUNT: net minor units off the items; GIFT: the gift's declared gross unit value. */
  amount: minorUnits,
  sku: z.string().min(1).max(64).nullable(),
});

/** An order-rule hold (issue 14): the order is placed but waits for `levels` distinct approvers before fulfilment takes it. */
export const orderHoldRequestSchema = z.object({
  levels: z.number().int().min(1).max(3),
  reasons: z
    .array(z.object({ ruleSet: z.string().min(1).max(64), version: z.number().int().min(1), ruleId: z.string().min(1).max(100), message: z.string().max(500) }))
    .min(1)
    .max(20),
});
export type OrderHoldRequest = z.infer<typeof orderHoldRequestSchema>;

export const PAYMENT_TERMS = ['PREPAID', 'CASH_ON_DELIVERY'] as const;
export type PaymentTerms = (typeof PAYMENT_TERMS)[number];

/**
 * The delivery option a customer chose (issue 16) and what it promises. `consolidationKey` is the region's keyed
 * hash of customer and delivery address: equal keys mean "same customer, same address" without the address ever
 * leaving the region. Absent on orders placed before options existed (they are STANDARD).
 */
export const orderDeliverySchema = z.object({
  option: z.enum(['STANDARD', 'EXPRESS', 'CONSOLIDATED']),
  promisedBy: z.iso.datetime(),
  consolidateUntil: z.iso.datetime().nullable(),
  consolidationKey: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
});
export type OrderDelivery = z.infer<typeof orderDeliverySchema>;
const ruleVersionUsedSchema = z.object({ ruleSet: z.string().min(1).max(64), version: z.number().int().min(1), publication: z.number().int().min(0) });

/**
 * The order facts order rules read beyond what `order.placed` already says (issue 14), with the inventory-lock
 * decision placement took: fulfilment evaluates its allocation-weight rules over them and keeps the reservation as
 * long as the lock says. No personal data: the customer is a segment, places are countries.
 */
export const orderRuleFactsSchema = z.object({
  customerSegment: z.string().min(1).max(32),
  originCountry: z.string().min(2).max(3),
  destinationCountry: z.string().min(2).max(3),
  paymentTerms: z.enum(PAYMENT_TERMS),
  itemsTotal: minorUnits,
  shippingTotal: minorUnits,
  grandTotal: minorUnits,
  discountTotal: minorUnits,
  payableTotal: minorUnits,
  lines: z
    .array(
      z.object({
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1),
        unitPrice: minorUnits,
        category: z.string().max(100),
        hazardous: z.boolean(),
      }),
    )
    .max(500),
  inventoryLock: z.object({
    /** Minutes an unpaid order's reservation lasts; null: fulfilment keeps it until payment or cancellation. */
    holdMinutes: z.number().int().min(0).max(525_600).nullable(),
    onShortage: z.enum(['BACKORDER', 'REFUSE']).nullable(),
    versions: z.array(ruleVersionUsedSchema).max(50),
  }),
});
export type OrderRuleFacts = z.infer<typeof orderRuleFactsSchema>;

/** A region asks core to register an order. Contains no personal data: the customer is a pseudonymous reference. */
export const registerOrderRequestSchema = z.object({
  idempotencyKey: z.string().min(8).max(200),
  orderId: z.uuid(),
  /** Allocated by the region (region prefix + the region's own sequence), so a region can answer before core is asked. */
  number: z
    .string()
    .regex(/^[A-Z]{2,16}-\d{6}-\d{6,}$/)
    .max(40),
  region: z.string().min(2).max(16),
  channel: z.enum(CHANNELS),
  currency: z.string().regex(/^[A-Z]{3}$/),
  customerRef: z.string().min(1).max(200),
  lines: z.array(orderLineInputSchema).min(1).max(500),
  shippingTotal: minorUnits.default(0),
  discountTotal: minorUnits.default(0),
  /** Cash on delivery is paid at the door, so such an order never passes through PAID. */
  paymentTerms: z.enum(PAYMENT_TERMS).default('PREPAID'),
  /** When the region took the order in: the CREATED step's event time. */
  placedAt: z.iso.datetime(),
  actor: actorSchema,
  /** The catalogue and price list the region priced the lines from (absent on orders priced before the hub priced them). */
  pricedWith: z
    .object({
      catalogueVersion: z.number().int().min(0),
      priceListId: z.string().min(1).max(100),
      priceListVersion: z.number().int().min(1),
      /** The discounts and gifts order rules gave the order, each naming the rule-set version that gave it. */
      promotions: z.array(appliedPromotionSchema).max(50).optional(),
    })
    .optional(),
  /** Set when an order rule holds the order for review; core keeps it from fulfilment until released. */
  hold: orderHoldRequestSchema.optional(),
  delivery: orderDeliverySchema.optional(),
  /** What order rules read and decided that fulfilment acts on; absent where the region evaluates no order rules. */
  ruleFacts: orderRuleFactsSchema.optional(),
});
export type RegisterOrderRequest = z.infer<typeof registerOrderRequestSchema>;

/** A status step a region (or another subgraph) records on an order: the return flow, a refusal at the door. */
export const orderTransitionBodySchema = z.object({
  to: z.enum(ORDER_STATUSES),
  note: z.string().max(500).optional(),
  /** When it happened, as opposed to when core records it. */
  occurredAt: z.iso.datetime(),
  actor: actorSchema,
});
export type OrderTransitionBody = z.infer<typeof orderTransitionBodySchema>;

/**
 * What a timeline note says happened to an order without moving its status. Fulfilment's kinds: the order's units
 * moved to other nodes (REALLOCATED) or some wait for stock (BACKORDERED) after the node serving it failed.
 */
export const ORDER_NOTE_EVENTS = ['REALLOCATED', 'BACKORDERED'] as const;
export type OrderNoteEvent = (typeof ORDER_NOTE_EVENTS)[number];

/** Node ids and times only: a note is read by every region's operators, so it carries nothing personal. */
export const orderNoteDetailsSchema = z.object({
  /** The node the order's units left. */
  fromNode: z.string().min(1).max(64).optional(),
  /** The nodes that ship them now (empty when nothing could be placed). */
  toNodes: z.array(z.string().min(1).max(64)).max(20).default([]),
  /** The new delivery estimate; absent while units wait for stock. */
  estimatedDeliveryAt: z.iso.datetime().optional(),
});
export type OrderNoteDetails = z.infer<typeof orderNoteDetailsSchema>;

/** A step a subgraph records on an order's timeline without changing its status (a re-allocation after an outage). */
export const orderNoteBodySchema = z.object({
  event: z.enum(ORDER_NOTE_EVENTS),
  /** When it happened, as opposed to when core records it. */
  occurredAt: z.iso.datetime(),
  actor: actorSchema,
  note: z.string().max(300).optional(),
  details: orderNoteDetailsSchema.default({ toNodes: [] }),
});
export type OrderNoteBody = z.infer<typeof orderNoteBodySchema>;

const commandEnvelope = {
  /** Derived from the change, never random: a command sent twice is applied once. */
  commandId: z.string().min(8).max(200),
  /** The subgraph that sent it (`region-cn`, `fulfilment`…). */
  source: z.string().min(2).max(64),
  orderId: z.uuid(),
  /** Position among the sender's commands for this order; they arrive in this order. */
  sequence: z.number().int().min(1),
};

/** One write a subgraph asks core to make, sent from the sender's command outbox. */
export const coreCommandSchema = z.discriminatedUnion('kind', [
  z.object({ ...commandEnvelope, kind: z.literal('order.register'), body: registerOrderRequestSchema }),
  z.object({ ...commandEnvelope, kind: z.literal('order.transition'), body: orderTransitionBodySchema }),
  z.object({ ...commandEnvelope, kind: z.literal('order.note'), body: orderNoteBodySchema }),
]);
export type CoreCommand = z.infer<typeof coreCommandSchema>;
export type CoreCommandKind = CoreCommand['kind'];

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

/**
 * Core's answer to a command: applied (or applied before: the same answer), refused for good with a reason
 * the sender records and compensates, or not decided now (the sender tries again later).
 */
export const commandReplySchema = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('accepted'), order: orderSnapshotSchema }),
  z.object({ outcome: z.literal('rejected'), code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).default({}) }),
  z.object({ outcome: z.literal('retry'), code: z.string(), message: z.string() }),
]);
export type CommandReply = z.infer<typeof commandReplySchema>;

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
  lines: z
    .array(
      z.object({
        lineNo: z.number().int().min(1),
        sku: z.string().min(1).max(64),
        quantity: z.number().int().min(1),
        attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
      }),
    )
    .optional(),
  /**
   * True while an order-rule hold waits for approval: fulfilment does not take the order. Core publishes the order
   * again (held false, the version of the release) once the last approval released it.
   */
  held: z.boolean().optional(),
  /** The chosen delivery option, so fulfilment can hold a consolidated order and keep its promise. */
  delivery: orderDeliverySchema.optional(),
  /** The order-rule facts and the inventory-lock decision, as the region sent them (absent: no order rules evaluated). */
  ruleFacts: orderRuleFactsSchema.optional(),
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
  /** When the step happened (a carrier's scan time, a region's local change). */
  occurredAt: z.iso.datetime(),
  /** When core recorded it; later than occurredAt for late uploads and for commands queued while core was away. */
  recordedAt: z.iso.datetime().optional(),
});
export type OrderStatusChangedEvent = z.infer<typeof orderStatusChangedEventSchema>;

/**
 * A held order waits for the approvers of its next level (issue 14): sent when a rule holds it and after each approval
 * short of the last. Names the roles that may approve, never a person; the rules' reasons are business text.
 */
export const holdAwaitingApprovalEventSchema = z.object({
  type: z.literal('order.hold-awaiting-approval'),
  orderId: z.uuid(),
  number: z.string(),
  region: z.string(),
  currency: z.string(),
  grandTotal: minorUnits,
  /** The level now asked for (1 for the first approval) and how many release the order. */
  level: z.number().int().min(1).max(3),
  levels: z.number().int().min(1).max(3),
  approverRoles: z.array(z.string()).min(1),
  reasons: orderHoldRequestSchema.shape.reasons,
  /** The order's version an approval must name (`expectedVersion`). */
  version: z.number().int(),
  occurredAt: z.iso.datetime(),
});
export type HoldAwaitingApprovalEvent = z.infer<typeof holdAwaitingApprovalEventSchema>;

export const orderEventSchema = z.discriminatedUnion('type', [orderPlacedEventSchema, orderStatusChangedEventSchema]);
export type OrderEvent = z.infer<typeof orderEventSchema>;

/**
 * The JetStream message id of an order event, derived from the change itself: the same change always gets
 * the same id, so a republish after a crash is dropped by the stream's duplicate window.
 */
export function orderEventMessageId(event: Pick<OrderEvent, 'type' | 'orderId' | 'version'>): string {
  return `${event.type}:${event.orderId}:${event.version}`;
}

import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { OrderPromotionView } from '@hub/shared/graphql/order-promotion.type';
import { GraphQLISODateTime } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Actor } from '@hub/shared/auth/principal';
import { ORDER_NOTE_EVENTS, type Channel, type OrderNoteEvent, type OrderStatus, type PaymentTerms } from '@hub/shared/messaging/contracts';
import { connectionType } from '@hub/shared/graphql/connection';
import { ChannelEnum, OrderStatusEnum, PaymentTermsEnum } from '@hub/shared/graphql/enums';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { DeliveryOptionEnum } from '@hub/shared/graphql/delivery-option.enum';
import type { DeliveryOption } from '@hub/shared/green/delivery-options.rules';
import { MutationPayload } from '@hub/shared/graphql/user-error';

export { OrderStatusEnum };

export const ActorKindEnum = { USER: 'USER', SYSTEM: 'SYSTEM', CARRIER: 'CARRIER' } as const;
export type ActorKind = keyof typeof ActorKindEnum;
registerEnumType(ActorKindEnum, {
  name: 'ActorKind',
  description: 'What kind of actor did something.',
  valuesConfig: {
    USER: { description: 'A signed-in person: customer, operator, warehouse staff.' },
    SYSTEM: { description: 'A service of the hub, e.g. a region registering an order.' },
    CARRIER: { description: 'A carrier reporting a parcel event.' },
  },
});

@ObjectType('Actor', { description: 'Who did something: a user, the system, or a carrier.' })
export class ActorView {
  @Field(() => String, { description: 'user, system or carrier.', deprecationReason: 'Use `kind`, an enum.' }) type!: string;
  @Field(() => ActorKindEnum, { description: 'What kind of actor this is.' }) kind!: ActorKind;
  @Field(() => ID, { description: 'Unique across kinds ("USER:…", "CARRIER:…"), so a user and a carrier with the same subject stay apart.' }) id!: string;
  @Field(() => String, { description: "The actor's own id within its kind: a pseudonymous subject, a service name or a carrier code." }) subject!: string;
}

export const OrderTimelineEventEnum = Object.fromEntries(ORDER_NOTE_EVENTS.map((event) => [event, event])) as { [E in OrderNoteEvent]: E };
registerEnumType(OrderTimelineEventEnum, {
  name: 'OrderTimelineEvent',
  description: 'What a timeline note reports happened to the order without changing its status.',
  valuesConfig: {
    REALLOCATED: { description: 'The node serving the order failed and its units now ship from other nodes.' },
    BACKORDERED: { description: 'The node serving the order failed and some or all units wait for stock.' },
  },
});

@ObjectType('OrderTimelineDetails', { description: "A timeline note's facts: node ids and the new delivery estimate, nothing personal." })
export class OrderTimelineDetailsView {
  @Field(() => String, { nullable: true, description: "The node the order's units left." }) fromNode!: string | null;
  @Field(() => [String], { description: 'The nodes that ship them now; empty when nothing could be placed.' }) toNodes!: string[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The new delivery estimate; null while units wait for stock.' })
  estimatedDeliveryAt!: Date | null;
}

@ObjectType('OrderStatusChange', {
  description:
    'One step of the order timeline: a status change, or a note (`event` set, `from` = `to`) of something that happened to the order without moving it, such as a re-allocation after a warehouse outage.',
})
export class OrderStatusChangeView {
  @Field(() => ID, { description: "The order id and the step's sequence number." }) id!: string;
  @Field(() => Int, { description: 'Position of the step in the timeline, from 1.' }) sequence!: number;
  @Field(() => OrderStatusEnum, { nullable: true, description: 'The status before; null for the first step.' }) from!: OrderStatus | null;
  @Field(() => OrderStatusEnum, { description: 'The status after.' }) to!: OrderStatus;
  @Field(() => GraphQLISODateTime, { description: 'When core recorded the step.' }) at!: Date;
  @Field(() => GraphQLISODateTime, {
    description:
      "When the step happened (a carrier's scan, a region's change made while core was away); deadlines count from it. Equal to `at` when nobody reported an earlier time.",
  })
  occurredAt!: Date;
  @Field(() => ActorView, { description: 'Who took the step.' }) actor!: ActorView;
  @Field(() => String, { nullable: true, description: 'A note the actor left.' }) note!: string | null;
  @Field(() => Int, { description: 'The order version this step produced (a note leaves the version as it was).' }) orderVersion!: number;
  @Field(() => OrderTimelineEventEnum, { nullable: true, description: 'What a note reports; null on a status step.' }) event!: OrderNoteEvent | null;
  @Field(() => OrderTimelineDetailsView, { nullable: true, description: "A note's facts; null on a status step." }) details!: OrderTimelineDetailsView | null;
}

@ObjectType('OrderLine', { description: 'One line of an order, as sold.' })
export class OrderLineView {
  @Field(() => ID, { description: 'The order id and the line number.' }) id!: string;
  @Field(() => Int, { description: 'Line number, from 1.' }) lineNo!: number;
  @Field(() => String, { description: 'Stock-keeping unit.' }) sku!: string;
  @Field(() => String, { description: 'Product name as sold.' }) name!: string;
  @Field(() => Int, { description: 'Units sold.' }) quantity!: number;
  @Field(() => MinorUnits, { description: 'Net unit price.' }) unitPrice!: number;
  @Field(() => MinorUnits, { description: 'Tax per unit.' }) unitTax!: number;
  @Field(() => MinorUnits, { description: "Net minor units order-rule promotions took off the line (part of the order's discountTotal)." })
  discount!: number;
  @Field(() => MinorUnits, { description: 'The VAT the line no longer bears because of its discount: VAT is charged on the discounted price.' })
  discountTax!: number;
  @Field(() => MinorUnits, { description: 'quantity × (unitPrice + unitTax) − discount − discountTax.' }) lineTotal!: number;
  @Field(() => GraphQLJSONObject, { description: 'Product attributes captured at purchase.' }) attributes!: Record<string, unknown>;
}

@ObjectType('OrderTotals', { description: "The order's money, in the minor unit of its currency." })
export class OrderTotalsView {
  @Field(() => MinorUnits, { description: "Sum of the lines' net prices." }) itemsTotal!: number;
  @Field(() => MinorUnits, { description: "Sum of the lines' tax, on their discounted prices." }) taxTotal!: number;
  @Field(() => MinorUnits, { description: 'Shipping charged.' }) shippingTotal!: number;
  @Field(() => MinorUnits, { description: "Discount granted on the order, net (the lines' promotion discounts and any client-sent discount)." })
  discountTotal!: number;
  @Field(() => MinorUnits, { description: 'What the customer pays: items + tax + shipping − discount.' }) grandTotal!: number;
}

@ObjectType('OrderHoldReason', { description: 'An order rule that held the order for review.' })
export class OrderHoldReasonView {
  @Field(() => String, { description: "The rule set's key in the order-rules subgraph." }) ruleSet!: string;
  @Field(() => Int, { description: 'The version of the rule set that held the order.' }) version!: number;
  @Field(() => String, { description: 'The rule within that version.' }) ruleId!: string;
  @Field(() => String, { description: "The rule's message: why the order is reviewed." }) message!: string;
}

@ObjectType('OrderHoldApproval', { description: 'One approval of a hold.' })
export class OrderHoldApprovalView {
  @Field(() => Int, { description: 'The approval level, from 1.' }) level!: number;
  @Field(() => ActorView, { description: 'Who approved.' }) actor!: ActorView;
  @Field(() => GraphQLISODateTime, { description: 'When.' }) at!: Date;
  @Field(() => String, { nullable: true, description: 'What the approver noted.' }) note!: string | null;
}

@ObjectType('OrderHold', { description: 'An order-rule hold: the order waits for review before fulfilment takes it.' })
export class OrderHoldView {
  @Field(() => Int, { description: 'How many approvals, each by a different person, release the order.' }) levels!: number;
  @Field(() => [OrderHoldReasonView], { description: 'The rules that held it.' }) reasons!: OrderHoldReasonView[];
  @Field(() => [OrderHoldApprovalView], { description: 'Approvals given so far, in order.' }) approvals!: OrderHoldApprovalView[];
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the last approval released the order; null while it waits.' })
  releasedAt!: Date | null;
}

@ObjectType('OrderDelivery', { description: 'The delivery option the customer chose at checkout and what it promises.' })
export class OrderDeliveryView {
  @Field(() => DeliveryOptionEnum, { description: 'The option chosen.' }) option!: DeliveryOption;
  @Field(() => GraphQLISODateTime, { description: 'Delivery comes by then.' }) promisedBy!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'CONSOLIDATED: the latest the order waits before dispatch; null otherwise.' })
  consolidateUntil!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'The master order, owned by core-orders. Regions add their own fields.' })
export class OrderView {
  @Field(() => ID, { description: 'UUID v7 chosen by the region that took the order in.' }) id!: string;
  @Field(() => String, { description: 'Human order number, e.g. CN-261125-000042.' }) number!: string;
  @Field(() => String, { description: 'Code of the region that took the order in.' }) region!: string;
  @Field(() => ChannelEnum, { description: 'Where the customer placed the order.' }) channel!: Channel;
  @Field(() => String, { description: 'ISO 4217 code; every amount is in its minor unit.' }) currency!: string;
  @Field(() => String, { description: 'Pseudonymous customer reference; personal data lives in the region.' }) customerRef!: string;
  @Field(() => OrderStatusEnum, { description: 'Where the order is now.' }) status!: OrderStatus;
  @Field(() => PaymentTermsEnum, { description: 'Cash-on-delivery orders go to picking without PAID: the cash is taken at the door.' })
  paymentTerms!: PaymentTerms;
  @Field(() => Int, { description: 'Optimistic-locking version: pass it back as expectedVersion.' }) version!: number;
  @Field(() => [OrderLineView], { description: 'The lines as sold.' }) lines!: OrderLineView[];
  @Field(() => OrderTotalsView, { description: "The order's money." }) totals!: OrderTotalsView;
  @Field(() => [OrderPromotionView], {
    description: 'The discounts and gifts order rules gave the order when the region priced it, each with the rule-set version that gave it.',
  })
  promotions!: OrderPromotionView[];
  @Field(() => OrderHoldView, { nullable: true, description: 'The order-rule hold, if a rule held the order for review; null otherwise.' })
  hold!: OrderHoldView | null;
  @Field(() => OrderDeliveryView, { nullable: true, description: 'The chosen delivery option; null for orders placed before options (standard).' })
  delivery!: OrderDeliveryView | null;
  @Field(() => [OrderStatusChangeView], { description: 'Every step (status changes and notes), oldest first.' }) timeline!: OrderStatusChangeView[];
  @Field(() => GraphQLISODateTime, { description: 'When the region took the order in, which may be before core registered it.' }) placedAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When the order last changed.' }) updatedAt!: Date;
}

/** An order as its resolvers answer it: `lines` and `timeline` are resolved only when asked for (order-details.resolver.ts). */
export type OrderRecordView = Omit<OrderView, 'lines' | 'timeline'>;

export const OrderConnectionView = connectionType(OrderView, 'Order', 'A page of orders, newest first.');

@ObjectType('OrderStatusChangePayload', { description: 'What moving an order to another status answers.' })
export class OrderStatusChangePayload extends MutationPayload {
  @Field(() => OrderView, { nullable: true, description: 'The order after the change; null when refused.' }) order?: OrderView;
}

/** Actor ids are unique within a kind only; the kind in front keeps a client cache from merging two actors. */
export function toActorView(actor: { type: Actor['type'] | string; id: string }): ActorView {
  const kind = actor.type.toUpperCase() as ActorKind;
  return { type: actor.type, kind, id: `${kind}:${actor.id}`, subject: actor.id };
}

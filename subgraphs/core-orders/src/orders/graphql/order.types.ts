import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { Channel, OrderStatus, PaymentTerms } from '@hub/shared/messaging/contracts';
import { ChannelEnum, OrderStatusEnum, PaymentTermsEnum } from '@hub/shared/graphql/enums';
import { MinorUnits } from '@hub/shared/graphql/scalars';

export { OrderStatusEnum };

@ObjectType('Actor', { description: 'Who did something: a user, the system, or a carrier.' })
export class ActorView {
  @Field(() => String) type!: string;
  @Field(() => ID) id!: string;
}

@ObjectType('OrderStatusChange', { description: 'One step of the order timeline.' })
export class OrderStatusChangeView {
  @Field(() => Int) sequence!: number;
  @Field(() => OrderStatusEnum, { nullable: true }) from!: OrderStatus | null;
  @Field(() => OrderStatusEnum) to!: OrderStatus;
  @Field(() => GraphQLISODateTime, { description: 'When core recorded the step.' }) at!: Date;
  @Field(() => GraphQLISODateTime, {
    description: 'When the step happened (a carrier\'s scan, a region\'s change made while core was away); deadlines count from it. Equal to `at` when nobody reported an earlier time.',
  }) occurredAt!: Date;
  @Field(() => ActorView) actor!: ActorView;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Int, { description: 'The order version this step produced.' }) orderVersion!: number;
}

@ObjectType('OrderLine')
export class OrderLineView {
  @Field(() => Int) lineNo!: number;
  @Field(() => String) sku!: string;
  @Field(() => String) name!: string;
  @Field(() => Int) quantity!: number;
  @Field(() => MinorUnits, { description: 'Net unit price.' }) unitPrice!: number;
  @Field(() => MinorUnits) unitTax!: number;
  @Field(() => MinorUnits, { description: 'quantity × (unitPrice + unitTax).' }) lineTotal!: number;
  @Field(() => GraphQLJSONObject, { description: 'Product attributes captured at purchase.' }) attributes!: Record<string, unknown>;
}

@ObjectType('OrderTotals')
export class OrderTotalsView {
  @Field(() => MinorUnits) itemsTotal!: number;
  @Field(() => MinorUnits) taxTotal!: number;
  @Field(() => MinorUnits) shippingTotal!: number;
  @Field(() => MinorUnits) discountTotal!: number;
  @Field(() => MinorUnits) grandTotal!: number;
}

@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'The master order, owned by core-orders. Regions add their own fields.' })
export class OrderView {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Human order number, e.g. CN-261125-000042.' }) number!: string;
  @Field(() => String) region!: string;
  @Field(() => ChannelEnum) channel!: Channel;
  @Field(() => String, { description: 'ISO 4217 code; every amount is in its minor unit.' }) currency!: string;
  @Field(() => String, { description: 'Pseudonymous customer reference; personal data lives in the region.' }) customerRef!: string;
  @Field(() => OrderStatusEnum) status!: OrderStatus;
  @Field(() => PaymentTermsEnum, { description: 'Cash-on-delivery orders go to picking without PAID: the cash is taken at the door.' }) paymentTerms!: PaymentTerms;
  @Field(() => Int, { description: 'Optimistic-locking version: pass it back as expectedVersion.' }) version!: number;
  @Field(() => [OrderLineView]) lines!: OrderLineView[];
  @Field(() => OrderTotalsView) totals!: OrderTotalsView;
  @Field(() => [OrderStatusChangeView]) timeline!: OrderStatusChangeView[];
  @Field(() => GraphQLISODateTime, { description: 'When the region took the order in, which may be before core registered it.' }) placedAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@Directive('@shareable')
@ObjectType('PageInfo')
export class PageInfoView {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field(() => Boolean) hasNextPage!: boolean;
}

@ObjectType('OrderConnection')
export class OrderConnectionView {
  @Field(() => [OrderView]) nodes!: OrderView[];
  @Field(() => PageInfoView) pageInfo!: PageInfoView;
}

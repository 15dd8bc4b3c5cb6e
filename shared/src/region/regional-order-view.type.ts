import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '../graphql/scalars.js';
import { calculateTotals } from '../money/order-totals.js';
import { OrderStatusEnum } from '../graphql/enums.js';
import type { OrderStatus } from '../messaging/contracts.js';
import type { RegionalOrder } from './regional-order.entity.js';

/**
 * What every region knows of an order it took in, answered by the region alone: while core has not
 * registered the order (or is down), this is the order as the customer was told it exists. Each region's
 * `Order.<region>` type extends it with its own fields.
 */
@ObjectType()
export abstract class RegionalOrderFacts {
  /** Carried for field resolvers; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => String, { nullable: true, description: 'The order number the region gave the order when it took it in (null only for orders from before regions numbered them).' })
  number!: string | null;
  @Field(() => String, {
    description: 'Whether core holds the master order: PENDING (taken in here, core not told yet: core\'s `Order` fields are not available), REGISTERED, or REJECTED (core refused it; the order is void, see registrationRejection).',
  })
  registration!: string;
  @Field(() => String, { nullable: true, description: 'Core\'s code and reason when registration is REJECTED.' })
  registrationRejection!: string | null;
  @Field(() => OrderStatusEnum, {
    nullable: true,
    description: 'The latest status core reported to this region (it follows core within the time the order events take to arrive, normally well under a second); null until the first event arrived.',
  })
  status!: OrderStatus | null;
  @Field(() => GraphQLISODateTime, { description: 'When the region took the order in.' })
  placedAt!: Date;
  @Field(() => String, { description: 'ISO 4217 code of the currency the order is priced in.' })
  currency!: string;
  @Field(() => MinorUnits, {
    description: 'What the customer pays, as the region priced it: goods, tax and shipping less discounts, in minor units.',
  })
  grandTotal!: number;
  @Field(() => Int, {
    nullable: true, description: 'The catalogue version the region priced the lines from; null for orders priced by the client, before the hub priced them.',
  })
  catalogueVersion!: number | null;
  @Field(() => String, { nullable: true, description: 'The price list the lines were priced from; null for orders priced by the client.' })
  priceListId!: string | null;
  @Field(() => Int, { nullable: true, description: 'The version of that price list; null for orders priced by the client.' })
  priceListVersion!: number | null;
}

export function toRegionalOrderFacts(record: RegionalOrder): Omit<RegionalOrderFacts, never> {
  const request = record.registrationRequest;
  return {
    orderId: record.orderId, customerRef: record.customerRef, number: record.orderNumber ?? null, registration: record.registration,
    registrationRejection: record.registrationRejection ?? null, status: record.status ?? null, placedAt: record.createdAt,
    currency: request.currency, grandTotal: calculateTotals(request.lines, request.shippingTotal, request.discountTotal).grandTotal,
    catalogueVersion: request.pricedWith?.catalogueVersion ?? null, priceListId: request.pricedWith?.priceListId ?? null,
    priceListVersion: request.pricedWith?.priceListVersion ?? null,
  };
}

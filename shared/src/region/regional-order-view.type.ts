import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
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
}

export function toRegionalOrderFacts(record: RegionalOrder): Omit<RegionalOrderFacts, never> {
  return {
    orderId: record.orderId, customerRef: record.customerRef, number: record.orderNumber ?? null, registration: record.registration,
    registrationRejection: record.registrationRejection ?? null, status: record.status ?? null, placedAt: record.createdAt,
  };
}

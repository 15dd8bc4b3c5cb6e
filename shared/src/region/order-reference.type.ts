import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * A region's view of the master `Order`: only its key. Each region adds its own fields to it with field
 * resolvers; every other field comes from core through the gateway.
 */
@Directive('@key(fields: "id")')
@ObjectType('Order', { description: 'The master order, owned by core-orders. Regions add their own fields.' })
export class OrderReference {
  @Field(() => ID, { description: 'UUID v7 chosen by the region that took the order in.' }) id!: string;
}

/** Federation hands a region `{ id }`; the region's field resolvers load what they need from there. */
export const orderReferenceResolver = {
  Order: { __resolveReference: (reference: { id: string }): OrderReference => ({ id: reference.id }) },
};

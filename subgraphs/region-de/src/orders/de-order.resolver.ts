import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import type { PlacementPipeline } from '@hub/shared/region/placement/placement-pipeline';
import { placementOf } from '@hub/shared/region/order-line.input';
import { PlaceDeOrderInput } from './de-order.input.js';
import { DeOrderDetails } from './de-order.types.js';

const INPUT = { description: 'The order: lines, money, buyer and addresses.' } as const;

@ObjectType('DeOrderPlacePayload', { description: 'What placing a DE order answers.' })
class DeOrderPlacePayload extends MutationPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order placed; null when refused.' }) order?: OrderReference;
}

export function createDeOrderResolver(orm: MikroORM, placement: PlacementPipeline) {
  @Resolver(() => OrderReference)
  class DeOrderResolver {
    @Authorized('customer', 'operator', 'customer_service', 'admin')
    @Mutation(() => OrderReference, {
      description:
        'Places an order in the DE shop after its compliance checks; a failed check is BAD_USER_INPUT with `field` and `rule`. Repeating the idempotency key returns the same order.',
      deprecationReason: replacedByPayloadMutation('deOrderPlace'),
    })
    async placeDeOrder(@Arg('input', () => PlaceDeOrderInput, INPUT) input: PlaceDeOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      const placed = await placement.place({ ...placementOf(input, principal), details: input });
      return { id: placed.orderId };
    }

    @Authorized('customer', 'operator', 'customer_service', 'admin')
    @Mutation(() => DeOrderPlacePayload, {
      description:
        'Places an order in the DE shop after its compliance checks; a failed check is in `userErrors`, its code naming the rule and `field` the input to fix. Repeating the idempotency key returns the same order.',
    })
    async deOrderPlace(@Arg('input', () => PlaceDeOrderInput, INPUT) input: PlaceDeOrderInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ order: await this.placeDeOrder(input, context) }));
    }

    @FieldResolver(() => DeOrderDetails, { nullable: true, description: "region-de's data for a DE order; null for other regions' orders." })
    async de(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<DeOrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, 'de', order.id);
      if (!record) return null;
      return toRegionalOrderFacts(record);
    }
  }
  return DeOrderResolver;
}

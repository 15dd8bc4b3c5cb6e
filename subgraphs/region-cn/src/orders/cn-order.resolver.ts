import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import { placementOf } from '@hub/shared/region/order-line.input';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import { PlaceCnOrderInput } from './cn-order.input.js';
import { CnOrderDetails } from './cn-order.types.js';

const REGION = 'cn';
const INPUT = { description: 'The order: lines, money, return terms, customer and address.' } as const;

@ObjectType('CnOrderPlacePayload', { description: 'What placing a CN order answers.' })
class CnOrderPlacePayload extends MutationPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order placed; null when refused.' }) order?: OrderReference;
}

export function createCnOrderResolvers({ placement, orm }: RegionDependencies) {
  @Resolver(() => OrderReference)
  class CnOrderResolver {
    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => CnOrderPlacePayload, {
      description: 'Places an order in the CN shop; refusals come in `userErrors`. Repeating the idempotency key returns the same order.',
    })
    async cnOrderPlace(@Arg('input', () => PlaceCnOrderInput, INPUT) input: PlaceCnOrderInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ order: await this.placeCnOrder(input, context) }));
    }

    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => OrderReference, {
      description:
        'Places an order in the CN shop. It answers once region-cn has stored the order, whether or not core is reachable (select `cn { number registration }`); core registers it afterwards. Repeating the idempotency key returns the same order.',
      deprecationReason: replacedByPayloadMutation('cnOrderPlace'),
    })
    async placeCnOrder(@Arg('input', () => PlaceCnOrderInput, INPUT) input: PlaceCnOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      const placed = await placement.place({ ...placementOf(input, principal), details: input });
      return { id: placed.orderId };
    }

    @FieldResolver(() => CnOrderDetails, { nullable: true, description: "region-cn's data for a CN order; null for other regions' orders." })
    async cn(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<CnOrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, REGION, order.id);
      if (!record) return null;
      return { ...toRegionalOrderFacts(record), customer: null, shippingAddress: null };
    }
  }

  return [CnOrderResolver] as const;
}

import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import type { DeOrderIntakeService } from './de-order-intake.service.js';
import { PlaceDeOrderInput } from './de-order.input.js';
import { DeOrderDetails } from './de-order.types.js';

export function createDeOrderResolver(orm: MikroORM, intake: DeOrderIntakeService) {
  @Resolver(() => OrderReference)
  class DeOrderResolver {
    @Authorized('customer', 'operator', 'customer_service', 'admin')
    @Mutation(() => OrderReference, { description: 'Places an order in the DE shop after its compliance checks; a failed check is BAD_USER_INPUT with `field` and `rule`. Repeating the idempotency key returns the same order.' })
    async placeDeOrder(@Arg('input', () => PlaceDeOrderInput) input: PlaceDeOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      return { id: await intake.place(principal, input) };
    }

    @FieldResolver(() => DeOrderDetails, { nullable: true, description: 'region-de\'s data for a DE order; null for other regions\' orders.' })
    async de(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<DeOrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, 'de', order.id);
      if (!record) return null;
      return toRegionalOrderFacts(record);
    }
  }
  return DeOrderResolver;
}

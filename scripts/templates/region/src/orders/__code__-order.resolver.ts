import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import { __Code__OrderDetails } from './__code__-order.types.js';

const REGION = '__code__';

export function create__Code__OrderResolver({ orm }: RegionDependencies) {
  @Resolver(() => OrderReference)
  class __Code__OrderResolver {
    @FieldResolver(() => __Code__OrderDetails, { nullable: true, description: 'region-__code__\'s data for an order it took in; null for other regions\' orders.' })
    async __code__(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<__Code__OrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, REGION, order.id);
      return record ? toRegionalOrderFacts(record) : null;
    }
  }
  return __Code__OrderResolver;
}

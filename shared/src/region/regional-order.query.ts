import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../graphql/context.js';
import type { MikroORM } from '../persistence/orm.js';
import { OrderReference } from './order-reference.type.js';
import { loadReadableRegionalOrder } from './regional-order.loader.js';

/**
 * `<region>Order(id)`: an order this region took in, found by the region alone, so a client can read an
 * order it was just told exists before core has registered it (or while core is down) by selecting the
 * region's own fields (`<region> { number registration status … }`). Core's `order(id)` answers NOT_FOUND
 * until registration completes.
 */
export function createRegionalOrderQuery(region: string, orm: MikroORM) {
  @Resolver()
  class RegionalOrderQuery {
    @Authorized()
    @Query(() => OrderReference, {
      name: `${region}Order`,
      nullable: true,
      description: `An order region-${region} took in, registered with core or not; null when region-${region} has no such order. Select \`${region} { number registration status }\` for the region's view: core's fields resolve only once registration is REGISTERED.`,
    })
    async order(
      @Arg('id', () => ID, { description: 'The order id (as returned when the order was placed).' }) id: string,
      @Ctx() context: RequestContext,
    ): Promise<OrderReference | null> {
      const record = await loadReadableRegionalOrder(context, orm, region, id);
      return record ? { id: record.orderId } : null;
    }
  }
  return RegionalOrderQuery;
}

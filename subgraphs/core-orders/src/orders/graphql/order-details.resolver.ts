import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import type { OrderQueryService } from '../order-query.service.js';
import { toOrderLineView, toOrderStatusChangeView } from './order.mapper.js';
import { OrderView, type OrderLineView, type OrderRecordView, type OrderStatusChangeView } from './order.types.js';

/**
 * An order's lines and timeline, read only when a query selects them: most reads ask for neither or for lines alone
 * (a status, a confirmation, the gateway's order view). Batched, so a page of orders or a gateway's batch of
 * references reads each in one query.
 */
export function createOrderDetailsResolver(queries: OrderQueryService) {
  @Resolver(() => OrderView)
  class OrderDetailsResolver {
    @FieldResolver()
    async lines(@Root() order: OrderRecordView, @Ctx() context: RequestContext): Promise<OrderLineView[]> {
      const lines = await loadBatched(context, 'order-lines', (ids: readonly string[]) => queries.linesOf(ids), order.id);
      return lines.map(toOrderLineView);
    }

    @FieldResolver()
    async timeline(@Root() order: OrderRecordView, @Ctx() context: RequestContext): Promise<OrderStatusChangeView[]> {
      const steps = await loadBatched(context, 'order-timelines', (ids: readonly string[]) => queries.timelinesOf(ids), order.id);
      return steps.map(toOrderStatusChangeView);
    }
  }
  return OrderDetailsResolver;
}

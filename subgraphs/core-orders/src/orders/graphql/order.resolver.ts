import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import type { OrderQueryService } from '../order-query.service.js';
import type { OrderTransitionService } from '../order-transition.service.js';
import { ChangeOrderStatusInput, OrdersArgs } from './order.inputs.js';
import { toOrderView } from './order.mapper.js';
import { OrderConnectionView, OrderView } from './order.types.js';

export function createOrderResolver(queries: OrderQueryService, transitions: OrderTransitionService) {
  @Resolver(() => OrderView)
  class OrderResolver {
    @Authorized()
    @Query(() => OrderView, { description: 'One order, if the caller may see it.' })
    async order(@Arg('id', () => ID) id: string, @Ctx() { principal }: RequestContext): Promise<OrderView> {
      return toOrderView(await queries.getById(principal, id));
    }

    @Authorized()
    @Query(() => OrderView, { description: 'One order by its human number.' })
    async orderByNumber(@Arg('number', () => String) number: string, @Ctx() { principal }: RequestContext): Promise<OrderView> {
      return toOrderView(await queries.getByNumber(principal, number));
    }

    @Authorized()
    @Query(() => OrderConnectionView, { description: 'Orders the caller may see, newest first.' })
    async orders(@Args(() => OrdersArgs) { filter, first, after }: OrdersArgs, @Ctx() { principal }: RequestContext): Promise<OrderConnectionView> {
      const page = await queries.list(principal, { ...filter, first, ...(after ? { after } : {}) });
      return { nodes: page.orders.map(toOrderView), pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
    }

    @Authorized('admin', 'operator', 'warehouse', 'carrier', 'customer')
    @Mutation(() => OrderView, { description: 'Moves an order to its next status; illegal moves and stale versions are rejected.' })
    async changeOrderStatus(@Arg('input', () => ChangeOrderStatusInput) input: ChangeOrderStatusInput, @Ctx() { principal }: RequestContext): Promise<OrderView> {
      const snapshot = await transitions.transition(principal, actorOf(principal), {
        orderId: input.orderId, to: input.status, expectedVersion: input.expectedVersion,
        ...(input.note ? { note: input.note } : {}), ...(input.requestId ? { requestId: input.requestId } : {}),
        ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
      });
      return toOrderView(await queries.getById(principal, snapshot.orderId));
    }
  }
  return OrderResolver;
}

/** Resolves `Order` references from other subgraphs in one batch per request. */
export function createOrderReferenceResolver(queries: OrderQueryService) {
  const batch = (principal: Principal) => async (ids: readonly string[]) =>
    (await queries.getManyById(principal, ids)).map((result) => (result instanceof Error ? result : toOrderView(result)));
  return {
    Order: {
      __resolveReference: (reference: { id: string }, context: RequestContext) =>
        loadBatched(context, 'order-by-id', batch(context.principal), reference.id),
    },
  };
}

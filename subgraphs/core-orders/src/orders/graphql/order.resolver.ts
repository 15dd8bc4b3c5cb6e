import { Arg, Args, Authorized, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { DomainError, InputValidationError } from '@hub/shared/errors';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import { replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { OrderQueryService } from '../order-query.service.js';
import type { OrderTransitionService } from '../order-transition.service.js';
import { ChangeOrderStatusInput, OrderIdentifierInput, OrdersArgs } from './order.inputs.js';
import { toOrderView } from './order.mapper.js';
import { OrderConnectionView, OrderStatusChangePayload, OrderView, type OrderRecordView } from './order.types.js';

const INPUT = { description: 'The order, the status to move it to and the version last read.' } as const;

export function createOrderResolver(queries: OrderQueryService, transitions: OrderTransitionService) {
  const changeStatus = async (principal: Principal, input: ChangeOrderStatusInput): Promise<OrderRecordView> => {
    const snapshot = await transitions.transition(principal, actorOf(principal), {
      orderId: input.orderId,
      to: input.status,
      expectedVersion: input.expectedVersion,
      ...(input.note ? { note: input.note } : {}),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    });
    return toOrderView(await queries.getById(principal, snapshot.orderId));
  };

  @Resolver(() => OrderView)
  class OrderResolver {
    @Authorized()
    @Query(() => OrderView, {
      description: 'One order, if the caller may see it.',
      deprecationReason: 'Use `orderByIdentifier`: it answers null for a missing order instead of failing the whole response.',
    })
    async order(@Arg('id', () => ID, { description: 'The order id.' }) id: string, @Ctx() { principal }: RequestContext): Promise<OrderRecordView> {
      return toOrderView(await queries.getById(principal, id));
    }

    @Authorized()
    @Query(() => OrderView, {
      description: 'One order by its human number.',
      deprecationReason: 'Use `orderByIdentifier`: it answers null for a missing order instead of failing the whole response.',
    })
    async orderByNumber(
      @Arg('number', () => String, { description: 'The human order number.' }) number: string,
      @Ctx() { principal }: RequestContext,
    ): Promise<OrderRecordView> {
      return toOrderView(await queries.getByNumber(principal, number));
    }

    @Authorized()
    @Query(() => OrderView, {
      nullable: true,
      description: 'One order by its id or number; null when it does not exist or the caller may not see it, so one miss never fails the rest of a response.',
    })
    async orderByIdentifier(
      @Arg('identifier', () => OrderIdentifierInput, { description: "The order's id or number: exactly one." }) identifier: OrderIdentifierInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<OrderRecordView | null> {
      if (!identifier.id === !identifier.number) throw new InputValidationError('identifier', 'Name the order by exactly one of id and number');
      try {
        return toOrderView(await (identifier.id ? queries.getById(principal, identifier.id) : queries.getByNumber(principal, identifier.number!)));
      } catch (error) {
        // Not found and not visible look the same, so the answer reveals nothing about orders of others.
        if (error instanceof DomainError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
        throw error;
      }
    }

    @Authorized()
    @Query(() => OrderConnectionView, { description: 'Orders the caller may see, newest first.' })
    async orders(@Args(() => OrdersArgs) args: OrdersArgs, @Ctx() { principal }: RequestContext) {
      const page = await queries.list(principal, args.filter ?? {}, args);
      return { ...page, edges: page.edges.map((edge) => ({ ...edge, node: toOrderView(edge.node) })), nodes: page.nodes.map(toOrderView) };
    }

    @Authorized('admin', 'operator', 'warehouse', 'carrier', 'customer')
    @Mutation(() => OrderView, {
      description: 'Moves an order to its next status; illegal moves and stale versions are rejected.',
      deprecationReason: replacedByPayloadMutation('orderStatusChange'),
    })
    async changeOrderStatus(
      @Arg('input', () => ChangeOrderStatusInput, INPUT) input: ChangeOrderStatusInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<OrderRecordView> {
      return changeStatus(principal, input);
    }

    @Authorized('admin', 'operator', 'warehouse', 'carrier', 'customer')
    @Mutation(() => OrderStatusChangePayload, {
      description:
        'Moves an order to another status. An illegal move, a stale expectedVersion or an unknown order is answered in `userErrors`, and nothing changes.',
    })
    async orderStatusChange(@Arg('input', () => ChangeOrderStatusInput, INPUT) input: ChangeOrderStatusInput, @Ctx() { principal }: RequestContext) {
      return withUserErrors(async () => ({ order: await changeStatus(principal, input) }));
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
      __resolveReference: (reference: { id: string }, context: RequestContext) => loadBatched(context, 'order-by-id', batch(context.principal), reference.id),
    },
  };
}

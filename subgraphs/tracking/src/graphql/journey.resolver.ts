import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '@hub/shared/graphql/connection';
import { canReadOrder } from '@hub/shared/auth/access';
import { ForbiddenError } from '@hub/shared/errors';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { journeyDisclosure } from '../journey/domain/journey-disclosure.js';
import { toShipmentView, type JourneyQuery } from '../journey/journey-query.js';
import { OrderTrackingView, ShipmentView, TrackingEventConnectionView } from './tracking.types.js';

export function createJourneyResolvers(query: JourneyQuery) {
  @Resolver(() => OrderReference)
  class OrderTrackingResolver {
    @FieldResolver(() => OrderTrackingView, {
      nullable: true,
      description: "The order's parcels and their journey; null until tracking has heard of the order. Readable by whoever may read the order.",
    })
    async tracking(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<OrderTrackingView | null> {
      const facts = await loadBatched(
        context,
        'trackedOrder',
        async (ids: readonly string[]) => {
          const found = await query.trackedOrders(ids);
          return ids.map((id) => found.get(id) ?? null);
        },
        order.id,
      );
      if (!facts) return null;
      if (!canReadOrder(context.principal, facts)) throw new ForbiddenError("This order is outside the caller's scope");
      const shipments = await loadBatched(
        context,
        'shipmentsOfOrder',
        async (ids: readonly string[]) => {
          const found = await query.shipmentsOfOrders(ids);
          return ids.map((id) => found.get(id) ?? []);
        },
        order.id,
      );
      const viewer = journeyDisclosure(context.principal, facts.tier);
      const now = new Date();
      return { id: order.id, viewer, shipments: shipments.map((row) => toShipmentView(row, viewer, now)) };
    }
  }

  @Resolver(() => ShipmentView)
  class ShipmentEventsResolver {
    @FieldResolver(() => TrackingEventConnectionView, { description: "The shipment's steps, oldest first, as much as the viewer may see." })
    async events(@Root() shipment: ShipmentView, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<TrackingEventConnectionView> {
      return query.journey(shipment.id, shipment.viewer, args);
    }
  }
  return [OrderTrackingResolver, ShipmentEventsResolver] as const;
}

import { Arg, Args, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import { ConnectionArgs } from '@hub/shared/graphql/connection';
import { canReadOrder, readableRegions } from '@hub/shared/auth/access';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { journeyDisclosure } from '../journey/domain/journey-disclosure.js';
import { toShipmentView, type JourneyQuery } from '../journey/journey-query.js';
import { TrackingEventSearchInput } from './tracking.inputs.js';
import { ShipmentView, TrackingEventConnectionView } from './tracking.types.js';

const STAFF = ['admin', 'auditor', 'service', 'operator', 'customer_service', 'warehouse', 'carrier'];
const MAX_RANGE_MS = 31 * 86_400_000;

export function createSearchResolvers(query: JourneyQuery) {
  @Resolver()
  class TrackingSearchResolver {
    @Authorized(...STAFF)
    @Query(() => TrackingEventConnectionView, {
      description: 'Search events by order, tracking number, carrier or node within a time range (at most 31 days), newest first.',
    })
    async trackingEvents(
      @Arg('filter', () => TrackingEventSearchInput, { description: 'What and when.' }) filter: TrackingEventSearchInput,
      @Args(() => ConnectionArgs) args: ConnectionArgs,
      @Ctx() { principal }: RequestContext,
    ): Promise<TrackingEventConnectionView> {
      if (filter.to.getTime() <= filter.from.getTime()) throw new InputValidationError('filter.to', 'to must be after from');
      if (filter.to.getTime() - filter.from.getTime() > MAX_RANGE_MS) throw new InputValidationError('filter.to', 'The time range may span at most 31 days');
      if (!filter.orderId && !filter.trackingNumber && !filter.carrierId && !filter.nodeId)
        throw new InputValidationError('filter', 'Name an order, tracking number, carrier or node');
      let carrierId = filter.carrierId;
      if (principal.role === 'carrier') {
        if (carrierId && carrierId !== principal.subject) throw new ForbiddenError('Carriers see only their own events');
        carrierId = principal.subject;
      }
      return query.search(
        { ...filter, carrierId, regions: principal.role === 'carrier' ? undefined : readableRegions(principal) },
        journeyDisclosure(principal, 'VIP'),
        args,
      );
    }

    @Authorized(...STAFF)
    @Query(() => ShipmentView, { nullable: true, description: 'A shipment by carrier and tracking number.' })
    async shipmentByTrackingNumber(
      @Arg('carrierId', () => String, { description: 'Carrier id.' }) carrierId: string,
      @Arg('trackingNumber', () => String, { description: 'Tracking number.' }) trackingNumber: string,
      @Ctx() { principal }: RequestContext,
    ): Promise<ShipmentView | null> {
      if (principal.role === 'carrier' && principal.subject !== carrierId) throw new ForbiddenError('Carriers see only their own parcels');
      const row = await query.shipmentByTrackingNumber(carrierId, trackingNumber);
      if (!row) return null;
      if (principal.role !== 'carrier') {
        const facts = (await query.trackedOrders([row.order_id])).get(row.order_id);
        if (!facts || !canReadOrder(principal, facts)) return null;
      }
      return toShipmentView(row, journeyDisclosure(principal, 'VIP'), new Date());
    }
  }
  return [TrackingSearchResolver] as const;
}

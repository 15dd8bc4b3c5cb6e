import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { toOrderLines } from '@hub/shared/region/order-line.input';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import { SEA_REGION } from '../delivery/sea-access.js';
import type { SeaOrderPlacementService } from './sea-order-placement.service.js';
import { PlaceSeaOrderInput, SeaQuickOrderInput } from './sea-order.input.js';
import { SeaOrderConfirmation, SeaOrderDetails } from './sea-order.types.js';

export function createSeaOrderResolver({ orm }: RegionDependencies, placement: SeaOrderPlacementService) {
  @Resolver(() => OrderReference)
  class SeaOrderResolver {
    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => OrderReference, { description: 'Places an order in the SEA shop. Repeating the idempotency key returns the same order.' })
    async placeSeaOrder(@Arg('input', () => PlaceSeaOrderInput) input: PlaceSeaOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      const snapshot = await placement.place({
        principal, idempotencyKey: input.idempotencyKey, input, customerRef: input.customerRef ?? principal.subject, channel: input.channel,
        currency: input.currency, lines: toOrderLines(input.lines), shippingTotal: input.shippingTotal, discountTotal: input.discountTotal,
        customer: input.customer, address: input.shippingAddress, payment: input.payment ?? null,
        paths: { customerPhone: 'customer.phone', address: 'shippingAddress' },
      });
      return { id: snapshot.orderId };
    }

    @Authorized('customer')
    @Mutation(() => SeaOrderConfirmation, {
      description: 'Places a mobile customer\'s order in one round trip and answers with what the app shows. Retrying with the same '
        + 'idempotency key (after a timeout, a dropped connection, an app restart) returns the same order, never a second one.',
    })
    async seaQuickOrder(@Arg('input', () => SeaQuickOrderInput) input: SeaQuickOrderInput, @Ctx() { principal }: RequestContext): Promise<SeaOrderConfirmation> {
      const snapshot = await placement.place({
        principal, idempotencyKey: input.idempotencyKey, input, customerRef: principal.subject, channel: 'MOBILE_APP',
        lines: toOrderLines(input.lines), shippingTotal: input.shippingTotal, discountTotal: 0,
        customer: { name: input.address.recipientName, phone: input.address.recipientPhone }, address: input.address, payment: input.payment,
        paths: { customerPhone: 'address.recipientPhone', address: 'address' },
      });
      return { id: snapshot.orderId, number: snapshot.number, total: snapshot.grandTotal, status: 'CREATED', registration: snapshot.registration };
    }

    @FieldResolver(() => SeaOrderDetails, { nullable: true, description: 'region-sea\'s data for a SEA order; null for other regions\' orders.' })
    async sea(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<SeaOrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, SEA_REGION, order.id);
      if (!record) return null;
      return {
        ...toRegionalOrderFacts(record), customer: null, shippingAddress: null, payment: null, deliveryRefusal: null,
      };
    }
  }
  return SeaOrderResolver;
}

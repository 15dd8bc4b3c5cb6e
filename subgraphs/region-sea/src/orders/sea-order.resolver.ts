import { Arg, Authorized, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import { MutationPayload, replacedByPayloadMutation, withUserErrors } from '@hub/shared/graphql/user-error';
import type { RequestContext } from '@hub/shared/graphql/context';
import { placementOf, toClientLines } from '@hub/shared/region/order-line.input';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadReadableRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { toRegionalOrderFacts } from '@hub/shared/region/regional-order-view.type';
import { SEA_REGION } from '../delivery/sea-access.js';
import { chooseQuickOrderDestination } from '../rules/quick-order-destination.rules.js';
import type { SeaOrderPlacementService } from './sea-order-placement.service.js';
import { PlaceSeaOrderInput, SeaQuickOrderInput } from './sea-order.input.js';
import { SeaOrderConfirmation, SeaOrderDetails } from './sea-order.types.js';

const INPUT = { description: 'The order: lines, money, customer, address and payment.' } as const;
const QUICK = { description: 'What the app sends at checkout: the cart, an address or the number of a saved one, and the payment.' } as const;

@ObjectType('SeaOrderPlacePayload', { description: 'What placing a SEA order answers.' })
class SeaOrderPlacePayload extends MutationPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order placed; null when refused.' }) order?: OrderReference;
}

@ObjectType('SeaQuickOrderPlacePayload', { description: 'What a mobile checkout answers.' })
class SeaQuickOrderPlacePayload extends MutationPayload {
  @Field(() => OrderReference, { nullable: true, description: 'The order placed; null when refused.' }) order?: OrderReference;
  @Field(() => SeaOrderConfirmation, { nullable: true, description: 'What the app shows, without another round trip; null when refused.' })
  confirmation?: SeaOrderConfirmation;
}

export function createSeaOrderResolver({ orm }: RegionDependencies, placement: SeaOrderPlacementService) {
  @Resolver(() => OrderReference)
  class SeaOrderResolver {
    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => OrderReference, {
      description: 'Places an order in the SEA shop. Repeating the idempotency key returns the same order.',
      deprecationReason: replacedByPayloadMutation('seaOrderPlace'),
    })
    async placeSeaOrder(
      @Arg('input', () => PlaceSeaOrderInput, INPUT) input: PlaceSeaOrderInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<OrderReference> {
      const snapshot = await placement.place({
        ...placementOf(input, principal),
        currency: input.currency,
        customer: input.customer,
        destination: { address: input.shippingAddress },
        payment: input.payment ?? null,
        paths: { customerPhone: 'customer.phone', address: 'shippingAddress' },
      });
      return { id: snapshot.orderId };
    }

    @Authorized('customer')
    @Mutation(() => SeaOrderConfirmation, {
      description:
        "Places a mobile customer's order in one round trip and answers with what the app shows. Retrying with the same " +
        'idempotency key (after a timeout, a dropped connection, an app restart) returns the same order, never a second one.',
      deprecationReason: replacedByPayloadMutation('seaQuickOrderPlace'),
    })
    async seaQuickOrder(
      @Arg('input', () => SeaQuickOrderInput, QUICK) input: SeaQuickOrderInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<SeaOrderConfirmation> {
      const snapshot = await placement.place({
        principal,
        idempotencyKey: input.idempotencyKey,
        input,
        customerRef: principal.subject,
        channel: 'MOBILE_APP',
        lines: toClientLines(input.lines),
        shippingTotal: input.shippingTotal ?? null,
        discountTotal: 0,
        destination: chooseQuickOrderDestination(input),
        payment: input.payment,
        paths: { customerPhone: 'address.recipientPhone', address: 'address' },
        delivery: input.delivery ? { option: input.delivery } : null,
      });
      return {
        id: snapshot.orderId,
        orderId: snapshot.orderId,
        number: snapshot.number,
        total: snapshot.grandTotal,
        status: 'CREATED',
        registration: snapshot.registration,
      };
    }

    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => SeaOrderPlacePayload, {
      description:
        'Places an order in the SEA shop; a broken rule is in `userErrors`, its code naming the rule. Repeating the idempotency key returns the same order.',
    })
    async seaOrderPlace(@Arg('input', () => PlaceSeaOrderInput, INPUT) input: PlaceSeaOrderInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ order: await this.placeSeaOrder(input, context) }));
    }

    @Authorized('customer')
    @Mutation(() => SeaQuickOrderPlacePayload, {
      description:
        "Places a mobile customer's order in one round trip and answers with what the app shows; a broken rule (a COD limit, " +
        'a phone number) is in `userErrors`. Retrying with the same idempotency key returns the same order, never a second one.',
    })
    async seaQuickOrderPlace(@Arg('input', () => SeaQuickOrderInput, QUICK) input: SeaQuickOrderInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => {
        const confirmation = await this.seaQuickOrder(input, context);
        return { order: { id: confirmation.orderId }, confirmation };
      });
    }

    @FieldResolver(() => SeaOrderDetails, { nullable: true, description: "region-sea's data for a SEA order; null for other regions' orders." })
    async sea(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<SeaOrderDetails | null> {
      const record = await loadReadableRegionalOrder(context, orm, SEA_REGION, order.id);
      if (!record) return null;
      return {
        ...toRegionalOrderFacts(record),
        customer: null,
        shippingAddress: null,
        payment: null,
        deliveryRefusal: null,
      };
    }
  }
  return SeaOrderResolver;
}

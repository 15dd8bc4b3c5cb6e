import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { canReadOrder } from '@hub/shared/auth/access';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { toOrderLines } from '@hub/shared/region/order-line.input';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { maskEmail, maskFreeText, maskName, maskPhone } from '@hub/shared/region/personal-data.policy';
import { revealPersonalData } from '@hub/shared/region/personal-data.reveal';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId, loadRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { isValidPostalCode, maskPostalCode } from '../rules/postal-code.rules.js';
import { DeOrderContact } from './de-order-contact.entity.js';
import { PlaceDeOrderInput } from './de-order.input.js';
import { DeAddress, DeCustomer, DeOrderDetails } from './de-order.types.js';

const REGION = 'de';

export function createDeOrderResolvers({ intake, orm }: RegionDependencies) {
  @Resolver(() => OrderReference)
  class DeOrderResolver {
    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => OrderReference, { description: 'Places an order in the DE shop. Repeating the idempotency key returns the same order.' })
    async placeDeOrder(@Arg('input', () => PlaceDeOrderInput) input: PlaceDeOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      const { customer, shippingAddress: address } = input;
      if (!isValidPostalCode(address.country, address.postalCode)) {
        throw new InputValidationError('shippingAddress.postalCode', `postalCode is not a valid postal code of ${address.country}`);
      }
      const snapshot = await intake.place({
        principal,
        idempotencyKey: input.idempotencyKey,
        input,
        customerRef: input.customerRef ?? principal.subject,
        channel: input.channel,
        currency: 'EUR',
        lines: toOrderLines(input.lines),
        shippingTotal: input.shippingTotal,
        discountTotal: input.discountTotal,
        storeRegionalData: (em, orderId) => {
          em.create(DeOrderContact, {
            orderId, customerName: customer.name, customerEmail: customer.email, customerPhone: customer.phone ?? null,
            recipientName: address.recipientName, street: address.street, houseNumber: address.houseNumber,
            postalCode: address.postalCode, city: address.city, country: address.country,
          });
        },
      });
      return { id: snapshot.orderId };
    }

    @FieldResolver(() => DeOrderDetails, { nullable: true, description: 'region-de\'s data for a DE order; null for other regions\' orders.' })
    async de(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<DeOrderDetails | null> {
      const record = await loadRegionalOrder(context, orm, order.id);
      if (!record) return null;
      if (!canReadOrder(context.principal, { region: REGION, customerRef: record.customerRef })) {
        throw new ForbiddenError('This order is outside the caller\'s scope');
      }
      return { orderId: record.orderId, customerRef: record.customerRef, registration: record.registration, customer: null, shippingAddress: null };
    }
  }

  @Resolver(() => DeOrderDetails)
  class DeOrderDetailsResolver {
    @FieldResolver(() => DeCustomer, { nullable: true })
    async customer(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeCustomer | null> {
      const contact = await loadByOrderId(context, orm, DeOrderContact, details.orderId);
      if (!contact) return null;
      return revealPersonalData(context.principal, { region: REGION, customerRef: details.customerRef },
        { name: contact.customerName, email: contact.customerEmail, phone: contact.customerPhone ?? null },
        (c) => ({ name: maskName(c.name), email: maskEmail(c.email), phone: c.phone === null ? null : maskPhone(c.phone) }));
    }

    @FieldResolver(() => DeAddress, { nullable: true })
    async shippingAddress(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeAddress | null> {
      const contact = await loadByOrderId(context, orm, DeOrderContact, details.orderId);
      if (!contact) return null;
      const address: DeAddress = {
        recipientName: contact.recipientName, street: contact.street, houseNumber: contact.houseNumber,
        postalCode: contact.postalCode, city: contact.city, country: contact.country,
      };
      return revealPersonalData(context.principal, { region: REGION, customerRef: details.customerRef }, address,
        (a) => ({
          ...a, recipientName: maskName(a.recipientName), street: maskFreeText(a.street),
          houseNumber: maskFreeText(a.houseNumber), postalCode: maskPostalCode(a.postalCode),
        }));
    }
  }

  return [DeOrderResolver, DeOrderDetailsResolver] as const;
}

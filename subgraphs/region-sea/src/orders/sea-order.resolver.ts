import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { canReadOrder } from '@hub/shared/auth/access';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { toOrderLines } from '@hub/shared/region/order-line.input';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { maskFreeText, maskName, maskPhone } from '@hub/shared/region/personal-data.policy';
import { revealPersonalData } from '@hub/shared/region/personal-data.reveal';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId, loadRegionalOrder } from '@hub/shared/region/regional-order.loader';
import { determineCurrency } from '../rules/country-currency.rules.js';
import { isValidPostalCode } from '../rules/postal-code.rules.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';
import { PlaceSeaOrderInput } from './sea-order.input.js';
import { SeaAddress, SeaCustomer, SeaOrderDetails } from './sea-order.types.js';

const REGION = 'sea';

/** The rules that depend on the destination country, which class-validator cannot express per field. */
function assertCountryRules({ currency, shippingAddress: { country, postalCode } }: PlaceSeaOrderInput): void {
  const expected = determineCurrency(country);
  if (currency !== expected) throw new InputValidationError('currency', `Orders to ${country} are priced in ${expected}`);
  if (!isValidPostalCode(country, postalCode)) {
    throw new InputValidationError('shippingAddress.postalCode', `postalCode is not a valid postal code of ${country}`);
  }
}

export function createSeaOrderResolvers({ intake, orm }: RegionDependencies) {
  @Resolver(() => OrderReference)
  class SeaOrderResolver {
    @Authorized('customer', 'operator', 'admin')
    @Mutation(() => OrderReference, { description: 'Places an order in the SEA shop. Repeating the idempotency key returns the same order.' })
    async placeSeaOrder(@Arg('input', () => PlaceSeaOrderInput) input: PlaceSeaOrderInput, @Ctx() { principal }: RequestContext): Promise<OrderReference> {
      assertCountryRules(input);
      const snapshot = await intake.place({
        principal,
        idempotencyKey: input.idempotencyKey,
        input,
        customerRef: input.customerRef ?? principal.subject,
        channel: input.channel,
        currency: input.currency,
        lines: toOrderLines(input.lines),
        shippingTotal: input.shippingTotal,
        discountTotal: input.discountTotal,
        storeRegionalData: (em, orderId) => {
          const { customer, shippingAddress: address } = input;
          em.create(SeaOrderContact, {
            orderId, customerName: customer.name, customerPhone: customer.phone,
            recipientName: address.recipientName, recipientPhone: address.recipientPhone, line1: address.line1,
            line2: address.line2 ?? null, city: address.city, province: address.province, postalCode: address.postalCode,
            country: address.country,
          });
        },
      });
      return { id: snapshot.orderId };
    }

    @FieldResolver(() => SeaOrderDetails, { nullable: true, description: 'region-sea\'s data for a SEA order; null for other regions\' orders.' })
    async sea(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<SeaOrderDetails | null> {
      const record = await loadRegionalOrder(context, orm, order.id);
      if (!record) return null;
      if (!canReadOrder(context.principal, { region: REGION, customerRef: record.customerRef })) {
        throw new ForbiddenError('This order is outside the caller\'s scope');
      }
      return { orderId: record.orderId, customerRef: record.customerRef, registration: record.registration, customer: null, shippingAddress: null };
    }
  }

  @Resolver(() => SeaOrderDetails)
  class SeaOrderDetailsResolver {
    @FieldResolver(() => SeaCustomer, { nullable: true })
    async customer(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaCustomer | null> {
      const contact = await loadByOrderId(context, orm, SeaOrderContact, details.orderId);
      if (!contact) return null;
      return revealPersonalData(context.principal, { region: REGION, customerRef: details.customerRef },
        { name: contact.customerName, phone: contact.customerPhone },
        (c) => ({ name: maskName(c.name), phone: maskPhone(c.phone) }));
    }

    @FieldResolver(() => SeaAddress, { nullable: true })
    async shippingAddress(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaAddress | null> {
      const contact = await loadByOrderId(context, orm, SeaOrderContact, details.orderId);
      if (!contact) return null;
      const address: SeaAddress = {
        recipientName: contact.recipientName, recipientPhone: contact.recipientPhone, line1: contact.line1,
        line2: contact.line2 ?? null, city: contact.city, province: contact.province, postalCode: contact.postalCode,
        country: contact.country,
      };
      return revealPersonalData(context.principal, { region: REGION, customerRef: details.customerRef }, address,
        (a) => ({
          ...a, recipientName: maskName(a.recipientName), recipientPhone: maskPhone(a.recipientPhone), line1: maskFreeText(a.line1),
          line2: a.line2 === null ? null : maskFreeText(a.line2), postalCode: maskFreeText(a.postalCode),
        }));
    }
  }

  return [SeaOrderResolver, SeaOrderDetailsResolver] as const;
}

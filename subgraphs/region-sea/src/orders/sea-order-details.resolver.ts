import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { maskFreeText, maskName, maskPhone } from '@hub/shared/region/personal-data.policy';
import { revealPersonalData } from '@hub/shared/region/personal-data.reveal';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { SeaDeliveryRefusal, SeaStockRelease } from '../delivery/sea-delivery.entity.js';
import { SEA_REGION } from '../delivery/sea-access.js';
import { SeaDeliveryRefusalView } from '../delivery/sea-delivery.types.js';
import { SeaCodCollection, SeaPayment } from '../payments/sea-payment.entity.js';
import { SeaPaymentView } from '../payments/sea-payment.types.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';
import { SeaAddress, SeaCustomer, SeaOrderDetails } from './sea-order.types.js';

/** The parts of `Order.sea`, each loaded in one batch per request; personal data goes through the shared policy. */
export function createSeaOrderDetailsResolver({ orm }: RegionDependencies) {
  @Resolver(() => SeaOrderDetails)
  class SeaOrderDetailsResolver {
    @FieldResolver(() => SeaCustomer, { nullable: true })
    async customer(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaCustomer | null> {
      const contact = await loadByOrderId(context, orm, SeaOrderContact, details.orderId);
      if (!contact) return null;
      return revealPersonalData(context.principal, { region: SEA_REGION, customerRef: details.customerRef },
        { name: contact.customerName, phone: contact.customerPhone },
        (c) => ({ name: maskName(c.name), phone: maskPhone(c.phone) }));
    }

    @FieldResolver(() => SeaAddress, { nullable: true })
    async shippingAddress(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaAddress | null> {
      const contact = await loadByOrderId(context, orm, SeaOrderContact, details.orderId);
      if (!contact) return null;
      const address: SeaAddress = {
        recipientName: contact.recipientName, recipientPhone: contact.recipientPhone, line1: contact.line1, line2: contact.line2 ?? null,
        subdistrict: contact.subdistrict ?? null, district: contact.district ?? null, city: contact.city, province: contact.province,
        postalCode: contact.postalCode, country: contact.country,
      };
      // District, city and province route a parcel at a coarse level; street, subdistrict and postal code come close to the door.
      return revealPersonalData(context.principal, { region: SEA_REGION, customerRef: details.customerRef }, address,
        (a) => ({
          ...a, recipientName: maskName(a.recipientName), recipientPhone: maskPhone(a.recipientPhone), line1: maskFreeText(a.line1),
          line2: a.line2 === null ? null : maskFreeText(a.line2), subdistrict: a.subdistrict === null ? null : maskFreeText(a.subdistrict),
          postalCode: maskFreeText(a.postalCode),
        }));
    }

    @FieldResolver(() => SeaPaymentView, { nullable: true })
    async payment(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaPaymentView | null> {
      const payment = await loadByOrderId(context, orm, SeaPayment, details.orderId);
      if (!payment) return null;
      const collection = await loadByOrderId(context, orm, SeaCodCollection, details.orderId);
      return { orderId: payment.orderId, method: payment.method, currency: payment.currency, amountDue: payment.amountDue, collection };
    }

    @FieldResolver(() => SeaDeliveryRefusalView, { nullable: true })
    async deliveryRefusal(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaDeliveryRefusalView | null> {
      const refusal = await loadByOrderId(context, orm, SeaDeliveryRefusal, details.orderId);
      if (!refusal) return null;
      const stockReleases = await orm.em.fork().find(SeaStockRelease, { orderId: details.orderId }, { orderBy: { lineNo: 'asc' } });
      return { ...refusal, coreRejection: refusal.coreRejection ?? null, stockReleases };
    }
  }
  return SeaOrderDetailsResolver;
}

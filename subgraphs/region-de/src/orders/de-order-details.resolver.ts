import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { hasPersonalData, loadPersonalData } from '../privacy/personal-data.source.js';
import type { AddressGroup } from '../rules/personal-fields.js';
import { DeOrderVat } from '../vat/de-order-vat.entity.js';
import { DeVat } from '../vat/de-vat.types.js';
import { DeAddress, DeCustomer, DeOrderDetails } from './de-order.types.js';

/** The parts of an order's DE details; personal data objects are null once nothing of it is held any more. */
export function createDeOrderDetailsResolver(orm: MikroORM) {
  const personal = async <T>(details: DeOrderDetails, context: RequestContext, make: () => T): Promise<T | null> =>
    hasPersonalData(await loadPersonalData(context, orm, details.orderId)) ? make() : null;
  const address = (details: DeOrderDetails, group: AddressGroup): DeAddress => ({ orderId: details.orderId, customerRef: details.customerRef, group });

  @Resolver(() => DeOrderDetails)
  class DeOrderDetailsResolver {
    @FieldResolver(() => DeCustomer, { nullable: true, description: "The buyer; null for an order outside the caller's scope." })
    customer(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeCustomer | null> {
      return personal(details, context, () => ({ orderId: details.orderId, customerRef: details.customerRef }));
    }

    @FieldResolver(() => DeAddress, { nullable: true, description: 'Where the parcel goes.' })
    shippingAddress(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeAddress | null> {
      return personal(details, context, () => address(details, 'shippingAddress'));
    }

    @FieldResolver(() => DeAddress, { nullable: true, description: 'The address the invoice shows: a separate billing address, else the shipping address.' })
    invoiceAddress(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeAddress | null> {
      return personal(details, context, () => address(details, 'invoiceAddress'));
    }

    @FieldResolver(() => DeVat, { nullable: true, description: 'How VAT was determined at intake; no personal data.' })
    async vat(@Root() details: DeOrderDetails, @Ctx() context: RequestContext): Promise<DeVat | null> {
      const row = await loadByOrderId(context, orm, DeOrderVat, details.orderId);
      return (
        row && {
          scheme: row.scheme,
          destination: row.destination,
          taxCountry: row.taxCountry ?? null,
          rate: row.rateBp / 100,
          rateValidFrom: row.rateValidFrom ?? null,
          orderDate: row.orderDate,
          lines: row.lines,
          netTotal: row.netTotal,
          vatTotal: row.vatTotal,
          vatIdCheck: row.vatIdCheck ?? null,
        }
      );
    }
  }
  return DeOrderDetailsResolver;
}

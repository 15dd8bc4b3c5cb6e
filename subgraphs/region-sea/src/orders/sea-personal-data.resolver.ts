import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { PersonalDataGate, rowSource } from '@hub/shared/region/personal-data.gate';
import { createPersonalFieldResolvers } from '@hub/shared/region/personal-data.resolvers';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { SEA_DISCLOSURE_POLICY, type SeaPersonalField } from '../rules/sea-disclosure.policy.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';
import { SeaAddress, SeaCustomer, SeaOrderDetails } from './sea-order.types.js';
import { SEA_ADDRESS_DESCRIPTIONS as D } from '../addresses/sea-address.descriptions.js';

const COLUMNS: Record<SeaPersonalField, keyof SeaOrderContact> = {
  'customer.name': 'customerName',
  'customer.phone': 'customerPhone',
  'shippingAddress.recipientName': 'recipientName',
  'shippingAddress.recipientPhone': 'recipientPhone',
  'shippingAddress.line1': 'line1',
  'shippingAddress.line2': 'line2',
  'shippingAddress.subdistrict': 'subdistrict',
  'shippingAddress.district': 'district',
  'shippingAddress.city': 'city',
  'shippingAddress.province': 'province',
  'shippingAddress.postalCode': 'postalCode',
  'shippingAddress.country': 'country',
};
const required = (field: SeaPersonalField, description?: string) => ({ field, nullable: false, ...(description ? { description } : {}) });
const optional = (field: SeaPersonalField, description: string) => ({ field, nullable: true, description });

/** `Order.sea.customer` and `.shippingAddress`: every field through the shared personal-data gate. */
export function createSeaPersonalDataResolvers({ orm }: RegionDependencies) {
  const gate = new PersonalDataGate(
    SEA_DISCLOSURE_POLICY,
    rowSource(orm, SeaOrderContact, (row, field) => row[COLUMNS[field]] as string | null),
    orm,
  );
  const subject = async (details: SeaOrderDetails, context: RequestContext) =>
    (await loadByOrderId(context, orm, SeaOrderContact, details.orderId)) ? { orderId: details.orderId, customerRef: details.customerRef } : null;

  @Resolver(() => SeaOrderDetails)
  class SeaOrderPersonalDataResolver {
    @FieldResolver(() => SeaCustomer, { nullable: true })
    customer(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaCustomer | null> {
      return subject(details, context);
    }

    @FieldResolver(() => SeaAddress, { nullable: true })
    shippingAddress(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaAddress | null> {
      return subject(details, context);
    }
  }

  return [
    SeaOrderPersonalDataResolver,
    createPersonalFieldResolvers(SeaCustomer, gate, { name: required('customer.name', "The customer's name."), phone: required('customer.phone', 'E.164.') }),
    createPersonalFieldResolvers(SeaAddress, gate, {
      recipientName: required('shippingAddress.recipientName', D.recipientName),
      recipientPhone: required('shippingAddress.recipientPhone', D.recipientPhone),
      line1: required('shippingAddress.line1', D.line1),
      line2: optional('shippingAddress.line2', D.line2),
      subdistrict: optional('shippingAddress.subdistrict', D.subdistrict),
      district: optional('shippingAddress.district', D.district),
      city: required('shippingAddress.city', D.city),
      province: required('shippingAddress.province', D.province),
      postalCode: required('shippingAddress.postalCode', D.postalCode),
      country: required('shippingAddress.country', D.country),
    }),
  ] as const;
}

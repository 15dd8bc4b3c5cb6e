import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { PersonalDataGate, rowSource } from '@hub/shared/region/personal-data.gate';
import { createPersonalFieldResolvers } from '@hub/shared/region/personal-data.resolvers';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { CN_DISCLOSURE_POLICY, type CnPersonalField } from '../rules/cn-disclosure.policy.js';
import { CnOrderContact } from './cn-order-contact.entity.js';
import { CnAddress, CnCustomer, CnOrderDetails } from './cn-order.types.js';

const COLUMNS: Record<CnPersonalField, keyof CnOrderContact> = {
  'customer.name': 'customerName',
  'customer.phone': 'customerPhone',
  'shippingAddress.recipientName': 'recipientName',
  'shippingAddress.recipientPhone': 'recipientPhone',
  'shippingAddress.province': 'province',
  'shippingAddress.city': 'city',
  'shippingAddress.district': 'district',
  'shippingAddress.street': 'street',
  'shippingAddress.postalCode': 'postalCode',
};
const required = (field: CnPersonalField, description: string) => ({ field, nullable: false, description });

/** `Order.cn.customer` and `.shippingAddress`: every field through the shared personal-data gate. */
export function createCnPersonalDataResolvers({ orm }: RegionDependencies) {
  const gate = new PersonalDataGate(
    CN_DISCLOSURE_POLICY,
    rowSource(orm, CnOrderContact, (row, field) => row[COLUMNS[field]] as string | null),
    orm,
  );
  const subject = async (details: CnOrderDetails, context: RequestContext) =>
    (await loadByOrderId(context, orm, CnOrderContact, details.orderId)) ? { orderId: details.orderId, customerRef: details.customerRef } : null;

  @Resolver(() => CnOrderDetails)
  class CnOrderPersonalDataResolver {
    @FieldResolver(() => CnCustomer, { nullable: true })
    customer(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnCustomer | null> {
      return subject(details, context);
    }

    @FieldResolver(() => CnAddress, { nullable: true })
    shippingAddress(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnAddress | null> {
      return subject(details, context);
    }
  }

  return [
    CnOrderPersonalDataResolver,
    createPersonalFieldResolvers(CnCustomer, gate, {
      name: required('customer.name', "The customer's name."),
      phone: required('customer.phone', "The customer's mainland mobile number."),
    }),
    createPersonalFieldResolvers(CnAddress, gate, {
      recipientName: required('shippingAddress.recipientName', 'Who receives the parcel.'),
      recipientPhone: required('shippingAddress.recipientPhone', "The recipient's mainland mobile number."),
      province: required('shippingAddress.province', 'Province (省).'),
      city: required('shippingAddress.city', 'City (市).'),
      district: required('shippingAddress.district', 'District (区/县).'),
      street: required('shippingAddress.street', 'Street, building and door.'),
      postalCode: { field: 'shippingAddress.postalCode', nullable: true, description: 'Six-digit postal code; null when the customer gave none.' },
    }),
  ] as const;
}

import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { PersonalDataGate, rowSource } from '@hub/shared/region/personal-data.gate';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { CN_DISCLOSURE_POLICY, type CnPersonalField } from '../rules/cn-disclosure.policy.js';
import { CnOrderContact } from './cn-order-contact.entity.js';
import { CnAddress, CnCustomer, CnOrderDetails } from './cn-order.types.js';

const COLUMNS: Record<CnPersonalField, keyof CnOrderContact> = {
  'customer.name': 'customerName', 'customer.phone': 'customerPhone',
  'shippingAddress.recipientName': 'recipientName', 'shippingAddress.recipientPhone': 'recipientPhone', 'shippingAddress.province': 'province',
  'shippingAddress.city': 'city', 'shippingAddress.district': 'district', 'shippingAddress.street': 'street', 'shippingAddress.postalCode': 'postalCode',
};

/** `Order.cn.customer` and `.shippingAddress`: thin field resolvers, each through the shared personal-data gate. */
export function createCnPersonalDataResolvers({ orm }: RegionDependencies) {
  const gate = new PersonalDataGate(CN_DISCLOSURE_POLICY, rowSource(orm, CnOrderContact, (row, field) => row[COLUMNS[field]] as string | null), orm);
  const subject = async (details: CnOrderDetails, context: RequestContext) =>
    (await loadByOrderId(context, orm, CnOrderContact, details.orderId)) ? { orderId: details.orderId, customerRef: details.customerRef } : null;

  @Resolver(() => CnOrderDetails)
  class CnOrderDetailsResolver {
    @FieldResolver(() => CnCustomer, { nullable: true })
    customer(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnCustomer | null> { return subject(details, context); }

    @FieldResolver(() => CnAddress, { nullable: true })
    shippingAddress(@Root() details: CnOrderDetails, @Ctx() context: RequestContext): Promise<CnAddress | null> { return subject(details, context); }
  }

  @Resolver(() => CnCustomer)
  class CnCustomerResolver {
    @FieldResolver(() => String)
    name(@Root() root: CnCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.name'); }

    @FieldResolver(() => String)
    phone(@Root() root: CnCustomer, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'customer.phone'); }
  }

  @Resolver(() => CnAddress)
  class CnAddressResolver {
    @FieldResolver(() => String)
    recipientName(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.recipientName'); }

    @FieldResolver(() => String)
    recipientPhone(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.recipientPhone'); }

    @FieldResolver(() => String)
    province(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.province'); }

    @FieldResolver(() => String)
    city(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.city'); }

    @FieldResolver(() => String)
    district(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.district'); }

    @FieldResolver(() => String)
    street(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.street'); }

    @FieldResolver(() => String, { nullable: true })
    postalCode(@Root() root: CnAddress, @Ctx() context: RequestContext) { return gate.reveal(context, root, 'shippingAddress.postalCode'); }
  }

  return [CnOrderDetailsResolver, CnCustomerResolver, CnAddressResolver] as const;
}

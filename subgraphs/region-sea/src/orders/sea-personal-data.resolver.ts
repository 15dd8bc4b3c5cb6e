import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { PersonalDataGate, rowSource } from '@hub/shared/region/personal-data.gate';
import type { RegionDependencies } from '@hub/shared/region/region-app';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { SEA_DISCLOSURE_POLICY, type SeaPersonalField } from '../rules/sea-disclosure.policy.js';
import { SeaOrderContact } from './sea-order-contact.entity.js';
import { SeaAddress, SeaCustomer, SeaOrderDetails } from './sea-order.types.js';

const COLUMNS: Record<SeaPersonalField, keyof SeaOrderContact> = {
  'customer.name': 'customerName', 'customer.phone': 'customerPhone',
  'shippingAddress.recipientName': 'recipientName', 'shippingAddress.recipientPhone': 'recipientPhone', 'shippingAddress.line1': 'line1',
  'shippingAddress.line2': 'line2', 'shippingAddress.subdistrict': 'subdistrict', 'shippingAddress.district': 'district', 'shippingAddress.city': 'city',
  'shippingAddress.province': 'province', 'shippingAddress.postalCode': 'postalCode', 'shippingAddress.country': 'country',
};

/** `Order.sea.customer` and `.shippingAddress`: thin field resolvers, each through the shared personal-data gate. */
export function createSeaPersonalDataResolvers({ orm }: RegionDependencies) {
  const gate = new PersonalDataGate(SEA_DISCLOSURE_POLICY, rowSource(orm, SeaOrderContact, (row, field) => row[COLUMNS[field]] as string | null), orm);
  const subject = async (details: SeaOrderDetails, context: RequestContext) =>
    (await loadByOrderId(context, orm, SeaOrderContact, details.orderId)) ? { orderId: details.orderId, customerRef: details.customerRef } : null;
  const reveal = (root: SeaCustomer | SeaAddress, context: RequestContext, field: SeaPersonalField) => gate.reveal(context, root, field);

  @Resolver(() => SeaOrderDetails)
  class SeaOrderPersonalDataResolver {
    @FieldResolver(() => SeaCustomer, { nullable: true })
    customer(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaCustomer | null> { return subject(details, context); }

    @FieldResolver(() => SeaAddress, { nullable: true })
    shippingAddress(@Root() details: SeaOrderDetails, @Ctx() context: RequestContext): Promise<SeaAddress | null> { return subject(details, context); }
  }

  @Resolver(() => SeaCustomer)
  class SeaCustomerResolver {
    @FieldResolver(() => String)
    name(@Root() root: SeaCustomer, @Ctx() context: RequestContext) { return reveal(root, context, 'customer.name'); }

    @FieldResolver(() => String, { description: 'E.164.' })
    phone(@Root() root: SeaCustomer, @Ctx() context: RequestContext) { return reveal(root, context, 'customer.phone'); }
  }

  @Resolver(() => SeaAddress)
  class SeaAddressResolver {
    @FieldResolver(() => String)
    recipientName(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.recipientName'); }

    @FieldResolver(() => String, { description: 'E.164.' })
    recipientPhone(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.recipientPhone'); }

    @FieldResolver(() => String)
    line1(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.line1'); }

    @FieldResolver(() => String, { nullable: true })
    line2(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.line2'); }

    @FieldResolver(() => String, { nullable: true })
    subdistrict(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.subdistrict'); }

    @FieldResolver(() => String, { nullable: true })
    district(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.district'); }

    @FieldResolver(() => String)
    city(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.city'); }

    @FieldResolver(() => String)
    province(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.province'); }

    @FieldResolver(() => String)
    postalCode(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.postalCode'); }

    @FieldResolver(() => String)
    country(@Root() root: SeaAddress, @Ctx() context: RequestContext) { return reveal(root, context, 'shippingAddress.country'); }
  }

  return [SeaOrderPersonalDataResolver, SeaCustomerResolver, SeaAddressResolver] as const;
}

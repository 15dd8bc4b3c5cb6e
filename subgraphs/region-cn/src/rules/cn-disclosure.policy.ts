import { maskAll, maskName, maskPhone, showAsIs } from '@hub/shared/region/personal-data.masks';
import { grant, type DisclosurePolicy, type PersonalFieldSpec, type RegionalRole, type RolePolicy } from '@hub/shared/region/personal-data.policy';

export const CN_CUSTOMER_FIELDS = ['customer.name', 'customer.phone'] as const;
export const CN_SHIPPING_FIELDS = [
  'shippingAddress.recipientName',
  'shippingAddress.recipientPhone',
  'shippingAddress.province',
  'shippingAddress.city',
  'shippingAddress.district',
  'shippingAddress.street',
  'shippingAddress.postalCode',
] as const;
/** Every personal field region-cn holds, named as in the GraphQL schema. */
export const CN_PERSONAL_FIELDS = [...CN_CUSTOMER_FIELDS, ...CN_SHIPPING_FIELDS] as const;
export type CnPersonalField = (typeof CN_PERSONAL_FIELDS)[number];

/** PIPL art. 13(1)(2): necessary to perform the sales contract, returns and door pickup included (CRPL art. 25). */
const CONTRACT = 'PIPL art. 13(1)(2): necessary to perform the sales contract, 7-day returns and door pickup included (CRPL art. 25)';
const spec = (mask: (value: string) => string, coarseLocation?: true): PersonalFieldSpec => ({
  legalBasis: CONTRACT,
  mask,
  ...(coarseLocation ? { coarseLocation } : {}),
});

const CN_FIELDS: Record<CnPersonalField, PersonalFieldSpec> = {
  'customer.name': spec(maskName),
  'customer.phone': spec(maskPhone),
  'shippingAddress.recipientName': spec(maskName),
  'shippingAddress.recipientPhone': spec(maskPhone),
  'shippingAddress.province': spec(showAsIs, true),
  'shippingAddress.city': spec(showAsIs),
  'shippingAddress.district': spec(showAsIs),
  'shippingAddress.street': spec(maskAll),
  'shippingAddress.postalCode': spec(maskAll),
};

const none: RolePolicy<CnPersonalField> = { scope: 'ANY', fields: {} };

/**
 * Who sees which personal field of a CN customer (PIPL art. 6: the minimum scope for the purpose; art. 51 access
 * controls). Auditors' row is the shared one: provinces only. No purpose is required: every staff role here
 * works on the order it is given.
 */
const CN_ROLES: Record<RegionalRole, RolePolicy<CnPersonalField>> = {
  // PIPL art. 45: the individual may consult and copy their own data.
  customer: { scope: 'OWN', fields: grant(CN_PERSONAL_FIELDS, { disclosure: 'FULL', readsRestricted: true }) },
  // Operators and customer service handle orders, returns and refunds with the buyer.
  operator: { scope: 'REGION', fields: grant(CN_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  customer_service: { scope: 'REGION', fields: grant(CN_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  // The label names the recipient, their phone and the address; the buyer's own contact is not on it.
  warehouse: { scope: 'REGION', fields: grant(CN_SHIPPING_FIELDS, { disclosure: 'FULL' }) },
  // The courier delivers and collects returns at the door.
  carrier: { scope: 'REGION', fields: grant(CN_SHIPPING_FIELDS, { disclosure: 'FULL' }) },
  // region-cn keeps no invoice data, so bookkeeping and tax audits need none of it.
  bookkeeping: none,
  tax_auditor: none,
  admin: { scope: 'ANY', fields: grant(CN_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  service: none,
  catalogue_manager: none,
  rules_editor: none,
  rules_approver: none,
};

export const CN_DISCLOSURE_POLICY: DisclosurePolicy<CnPersonalField> = { region: 'cn', fields: CN_FIELDS, roles: CN_ROLES };

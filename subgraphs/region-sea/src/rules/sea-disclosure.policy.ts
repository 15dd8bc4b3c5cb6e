import { maskAll, maskName, maskPhone, showAsIs } from '@hub/shared/region/personal-data.masks';
import { grant, type DisclosurePolicy, type PersonalFieldSpec, type RegionalRole, type RolePolicy } from '@hub/shared/region/personal-data.policy';

export const SEA_CUSTOMER_FIELDS = ['customer.name', 'customer.phone'] as const;
export const SEA_SHIPPING_FIELDS = [
  'shippingAddress.recipientName',
  'shippingAddress.recipientPhone',
  'shippingAddress.line1',
  'shippingAddress.line2',
  'shippingAddress.subdistrict',
  'shippingAddress.district',
  'shippingAddress.city',
  'shippingAddress.province',
  'shippingAddress.postalCode',
  'shippingAddress.country',
] as const;
/** Every personal field region-sea holds, named as in the GraphQL schema. */
export const SEA_PERSONAL_FIELDS = [...SEA_CUSTOMER_FIELDS, ...SEA_SHIPPING_FIELDS] as const;
export type SeaPersonalField = (typeof SEA_PERSONAL_FIELDS)[number];

const CONTRACT =
  'Necessary to perform the sales contract, cash on delivery included: PDPA (TH) s.24(3), PDP Law (ID) art. 20(2)(b), ' +
  "PDPA (MY) s.6(2)(a), DPA (PH) s.12(b), PDPA (SG) s.15(3), and the same ground of each destination's law";
const spec = (mask: (value: string) => string, coarseLocation?: true): PersonalFieldSpec => ({
  legalBasis: CONTRACT,
  mask,
  ...(coarseLocation ? { coarseLocation } : {}),
});

const SEA_FIELDS: Record<SeaPersonalField, PersonalFieldSpec> = {
  'customer.name': spec(maskName),
  'customer.phone': spec(maskPhone),
  'shippingAddress.recipientName': spec(maskName),
  'shippingAddress.recipientPhone': spec(maskPhone),
  'shippingAddress.line1': spec(maskAll),
  'shippingAddress.line2': spec(maskAll),
  'shippingAddress.subdistrict': spec(maskAll),
  'shippingAddress.district': spec(showAsIs),
  'shippingAddress.city': spec(showAsIs),
  'shippingAddress.province': spec(showAsIs, true),
  'shippingAddress.postalCode': spec(maskAll),
  'shippingAddress.country': spec(showAsIs, true),
};

const none: RolePolicy<SeaPersonalField> = { scope: 'ANY', fields: {} };

/**
 * Who sees which personal field of a SEA customer (data minimisation, e.g. PDPA (TH) s.22, PDP Law (ID) art. 16(2)).
 * Auditors' row is the shared one: countries and provinces only. No purpose is required: every staff role here
 * works on the order it is given.
 */
const SEA_ROLES: Record<RegionalRole, RolePolicy<SeaPersonalField>> = {
  // The data subject's right of access (PDPA (TH) s.30, PDP Law (ID) art. 7).
  customer: { scope: 'OWN', fields: grant(SEA_PERSONAL_FIELDS, { disclosure: 'FULL', readsRestricted: true }) },
  operator: { scope: 'REGION', fields: grant(SEA_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  customer_service: { scope: 'REGION', fields: grant(SEA_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  // The label names the recipient, their phone and the address; the buyer's own contact is not on it.
  warehouse: { scope: 'REGION', fields: grant(SEA_SHIPPING_FIELDS, { disclosure: 'FULL' }) },
  // The courier delivers and collects cash at the door.
  carrier: { scope: 'REGION', fields: grant(SEA_SHIPPING_FIELDS, { disclosure: 'FULL' }) },
  // region-sea keeps no invoice data, so bookkeeping and tax audits need none of it.
  bookkeeping: none,
  tax_auditor: none,
  admin: { scope: 'ANY', fields: grant(SEA_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  service: none,
  catalogue_manager: none,
  rules_editor: none,
  rules_approver: none,
};

export const SEA_DISCLOSURE_POLICY: DisclosurePolicy<SeaPersonalField> = { region: 'sea', fields: SEA_FIELDS, roles: SEA_ROLES };

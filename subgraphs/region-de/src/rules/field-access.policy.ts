import { maskAll, maskDate, maskEmail, maskName, maskPhone, maskVatId, showAsIs } from '@hub/shared/region/personal-data.masks';
import { grant, type DisclosurePolicy, type PersonalFieldSpec, type RegionalRole, type RolePolicy } from '@hub/shared/region/personal-data.policy';
import { DE_PERSONAL_FIELDS, INVOICE_FIELDS, SHIPPING_FIELDS, type DePersonalField } from './personal-fields.js';
import { maskPostalCode } from './postal-code.rules.js';

const CONTRACT = 'Art. 6(1)(b) GDPR: needed to deliver the order and to talk to the buyer about it';
const address = (legalBasis: string): Record<string, PersonalFieldSpec> => ({
  recipientName: { legalBasis, mask: maskName },
  street: { legalBasis, mask: maskAll },
  houseNumber: { legalBasis, mask: maskAll },
  postalCode: { legalBasis, mask: maskPostalCode },
  city: { legalBasis, mask: showAsIs },
  country: { legalBasis, mask: showAsIs, coarseLocation: true },
});
const prefixed = (group: string, specs: Record<string, PersonalFieldSpec>) =>
  Object.fromEntries(Object.entries(specs).map(([part, spec]) => [`${group}.${part}`, spec]));

/** Every personal field region-de holds, why it may hold it, and its mask. */
const DE_FIELDS = {
  'customer.name': { legalBasis: `${CONTRACT}; art. 6(1)(c) with §14(4) Nr. 1 UStG: the invoice names the buyer`, mask: maskName },
  'customer.email': { legalBasis: `${CONTRACT} (order confirmation, §312i(1) Nr. 3 BGB)`, mask: maskEmail },
  'customer.phone': { legalBasis: `${CONTRACT}; optional, given for delivery notices`, mask: maskPhone },
  'customer.dateOfBirth': { legalBasis: 'Art. 6(1)(c) GDPR with §§9, 10 JuSchG: age check for age-restricted goods only', mask: maskDate },
  'customer.vatId': { legalBasis: "Art. 6(1)(c) GDPR with §14a(1) UStG: a reverse-charge invoice names the buyer's VAT ID", mask: maskVatId },
  ...prefixed('shippingAddress', address(CONTRACT)),
  ...prefixed('invoiceAddress', address("Art. 6(1)(c) GDPR with §14(4) Nr. 1 UStG: the invoice states the buyer's address")),
} as Record<DePersonalField, PersonalFieldSpec>;

const COUNTRIES: DePersonalField[] = ['shippingAddress.country', 'invoiceAddress.country'];
const WITHOUT_COUNTRIES = DE_PERSONAL_FIELDS.filter((field) => !COUNTRIES.includes(field));
const INVOICE_DATA: DePersonalField[] = ['customer.name', 'customer.vatId', ...INVOICE_FIELDS];

/**
 * Who sees which personal field of a German customer, for which purpose, and how (GDPR art. 5(1)(c) data
 * minimisation and art. 25 data protection by default). Auditors' row is the shared one: countries only.
 */
const DE_ROLES: Record<RegionalRole, RolePolicy<DePersonalField>> = {
  // Art. 15 GDPR: the data subject sees everything held about them, restricted invoice data included.
  customer: { scope: 'OWN', fields: grant(DE_PERSONAL_FIELDS, { disclosure: 'FULL', readsRestricted: true }) },
  // Operators steer fulfilment: who and where in full, contact and invoice data only enough to recognise them.
  operator: {
    scope: 'REGION',
    fields: {
      ...grant(['customer.name', ...SHIPPING_FIELDS], { disclosure: 'FULL' }),
      ...grant(['customer.email', 'customer.phone', 'customer.vatId', ...INVOICE_FIELDS], { disclosure: 'MASKED' }),
    },
  },
  // Customer service contacts the customer only for a case it is working on.
  customer_service: {
    scope: 'REGION',
    fields: {
      ...grant(['customer.name', 'customer.email', 'customer.phone', ...SHIPPING_FIELDS, ...INVOICE_FIELDS], {
        disclosure: 'FULL',
        purposes: ['support'],
        needsOpenCase: true,
      }),
      ...grant(['customer.vatId'], { disclosure: 'MASKED', purposes: ['support'], needsOpenCase: true }),
    },
  },
  // The warehouse prints the label; the phone only when the parcel is being delivered.
  warehouse: {
    scope: 'REGION',
    fields: {
      ...grant(SHIPPING_FIELDS, { disclosure: 'FULL', purposes: ['fulfilment', 'delivery'] }),
      'customer.phone': { disclosure: 'FULL', purposes: ['delivery'] },
    },
  },
  // The courier needs the address to deliver and the phone to announce or reschedule a delivery.
  carrier: {
    scope: 'REGION',
    fields: {
      ...grant(SHIPPING_FIELDS, { disclosure: 'FULL', purposes: ['delivery'] }),
      'customer.phone': { disclosure: 'FULL', purposes: ['delivery'] },
    },
  },
  // The company's own bookkeeping books and corrects invoices, also after erasure (§14b UStG, §147(1) AO; art. 17(3)(b) GDPR).
  bookkeeping: { scope: 'REGION', fields: grant(INVOICE_DATA, { disclosure: 'FULL', purposes: ['invoicing'], readsRestricted: true }) },
  // Tax auditors read invoice data, also while restricted (§147(6) AO data access; art. 17(3)(b) GDPR).
  tax_auditor: {
    scope: 'ANY',
    fields: {
      ...grant(INVOICE_DATA, { disclosure: 'FULL', purposes: ['tax_audit'], readsRestricted: true }),
      'shippingAddress.country': { disclosure: 'FULL', purposes: ['tax_audit'] },
    },
  },
  // Administrators run the system; they need to see that data exists, not what it says.
  admin: {
    scope: 'ANY',
    fields: { ...grant(WITHOUT_COUNTRIES, { disclosure: 'MASKED' }), ...grant(COUNTRIES, { disclosure: 'FULL' }) },
  },
  // Other hub services never read personal data: core and the other regions work with pseudonymous references.
  service: { scope: 'ANY', fields: {} },
  // Catalogue managers edit products and prices; orders and the people behind them are none of their business.
  catalogue_manager: { scope: 'OWN', fields: {} },
  rules_editor: { scope: 'OWN', fields: {} },
  rules_approver: { scope: 'OWN', fields: {} },
};

export const DE_DISCLOSURE_POLICY: DisclosurePolicy<DePersonalField> = { region: 'de', fields: DE_FIELDS, roles: DE_ROLES };

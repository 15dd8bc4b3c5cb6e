/** The parts of a postal address, in the order a label prints them. */
export const ADDRESS_PARTS = ['recipientName', 'street', 'houseNumber', 'postalCode', 'city', 'country'] as const;
export type AddressPart = (typeof ADDRESS_PARTS)[number];

export const CUSTOMER_FIELDS = ['customer.name', 'customer.email', 'customer.phone', 'customer.dateOfBirth', 'customer.vatId'] as const;
export const SHIPPING_FIELDS = ADDRESS_PARTS.map((part) => `shippingAddress.${part}` as const);
export const INVOICE_FIELDS = ADDRESS_PARTS.map((part) => `invoiceAddress.${part}` as const);

/**
 * Every personal-data field region-de holds, named as in the GraphQL schema: the keys of the disclosure
 * policy, the access log and the erasure records.
 */
export const DE_PERSONAL_FIELDS = [...CUSTOMER_FIELDS, ...SHIPPING_FIELDS, ...INVOICE_FIELDS] as const;
export type DePersonalField = (typeof DE_PERSONAL_FIELDS)[number];
export type AddressGroup = 'shippingAddress' | 'invoiceAddress';

/**
 * What an invoice must state about its recipient (§14(4) Nr. 1 UStG: name and address; §14a(1) UStG: the
 * buyer's VAT ID for an intra-community supply). These fields outlive an erasure request as long as the
 * invoice must be kept; everything else goes at once.
 */
export const INVOICE_RETAINED_FIELDS: ReadonlySet<DePersonalField> = new Set<DePersonalField>(['customer.name', 'customer.vatId', ...INVOICE_FIELDS]);

export const isRetainedForInvoices = (field: DePersonalField): boolean => INVOICE_RETAINED_FIELDS.has(field);

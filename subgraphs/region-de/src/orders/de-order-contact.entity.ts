import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The DE customer's personal data for one order: kept only in region-de, keyed by the master order id.
 * Only what delivery, invoicing and the law need (GDPR art. 5(1)(c)): phone, date of birth, VAT ID and a
 * separate invoice address are stored only when given. Deleted as a whole on erasure; what invoices must
 * keep moves to `DeRestrictedInvoiceData`.
 */
export const DeOrderContact = defineEntity({
  name: 'DeOrderContact',
  tableName: 'de_order_contact',
  properties: {
    orderId: p.uuid().primary(),
    customerName: p.string().length(100),
    customerEmail: p.string().length(254),
    customerPhone: p.string().length(16).nullable(),
    /** Only when a line has an age limit (§9, §10 JuSchG). */
    dateOfBirth: p.date().nullable(),
    /** A business buyer's VAT ID, normalised; a sole trader's is personal data. */
    vatId: p.string().length(16).nullable(),
    recipientName: p.string().length(100),
    street: p.string().length(200),
    houseNumber: p.string().length(20),
    postalCode: p.string().length(10),
    city: p.string().length(100),
    country: p.string().length(2),
    /** A separate invoice address; when absent the shipping address is the invoice address. */
    billingRecipientName: p.string().length(100).nullable(),
    billingStreet: p.string().length(200).nullable(),
    billingHouseNumber: p.string().length(20).nullable(),
    billingPostalCode: p.string().length(10).nullable(),
    billingCity: p.string().length(100).nullable(),
    billingCountry: p.string().length(2).nullable(),
    /** The customer asked for erasure while the order was open; applied when it closes. */
    erasureRequestedAt: p.datetime().nullable(),
  },
});
export type DeOrderContact = InferEntity<typeof DeOrderContact>;

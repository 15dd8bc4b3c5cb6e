import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The DE customer's personal data for one order: kept only in region-de, keyed by the master order id.
 * Only what delivery and its notifications need (GDPR art. 5(1)(c)); the phone is stored only if given.
 */
export const DeOrderContact = defineEntity({
  name: 'DeOrderContact',
  tableName: 'de_order_contact',
  properties: {
    orderId: p.uuid().primary(),
    customerName: p.string().length(100),
    customerEmail: p.string().length(254),
    customerPhone: p.string().length(16).nullable(),
    recipientName: p.string().length(100),
    street: p.string().length(200),
    houseNumber: p.string().length(20),
    postalCode: p.string().length(10),
    city: p.string().length(100),
    country: p.string().length(2),
  },
});
export type DeOrderContact = InferEntity<typeof DeOrderContact>;

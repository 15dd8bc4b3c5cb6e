import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The CN customer's personal data for one order: kept only in region-cn, keyed by the master order id. */
export const CnOrderContact = defineEntity({
  name: 'CnOrderContact',
  tableName: 'cn_order_contact',
  properties: {
    orderId: p.uuid().primary(),
    customerName: p.string().length(100),
    customerPhone: p.string().length(20),
    recipientName: p.string().length(100),
    recipientPhone: p.string().length(20),
    province: p.string().length(50),
    city: p.string().length(50),
    district: p.string().length(50),
    street: p.string().length(300),
    postalCode: p.string().length(6).nullable(),
  },
});
export type CnOrderContact = InferEntity<typeof CnOrderContact>;

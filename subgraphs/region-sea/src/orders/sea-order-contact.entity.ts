import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The SEA customer's personal data for one order: kept only in region-sea, keyed by the master order id. */
export const SeaOrderContact = defineEntity({
  name: 'SeaOrderContact',
  tableName: 'sea_order_contact',
  properties: {
    orderId: p.uuid().primary(),
    customerName: p.string().length(100),
    /** E.164, as couriers dial it. */
    customerPhone: p.string().length(16),
    recipientName: p.string().length(100),
    recipientPhone: p.string().length(16),
    line1: p.string().length(200),
    line2: p.string().length(200).nullable(),
    subdistrict: p.string().length(100).nullable(),
    district: p.string().length(100).nullable(),
    city: p.string().length(100),
    province: p.string().length(100),
    postalCode: p.string().length(6),
    country: p.string().length(2),
  },
});
export type SeaOrderContact = InferEntity<typeof SeaOrderContact>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { seaAddressProperties } from '../addresses/sea-address.properties.js';

/** The SEA customer's personal data for one order: kept only in region-sea, keyed by the master order id. */
export const SeaOrderContact = defineEntity({
  name: 'SeaOrderContact',
  tableName: 'sea_order_contact',
  properties: {
    orderId: p.uuid().primary(),
    customerName: p.string().length(100),
    /** E.164, as couriers dial it. */
    customerPhone: p.string().length(16),
    ...seaAddressProperties(),
  },
});
export type SeaOrderContact = InferEntity<typeof SeaOrderContact>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { ShippingSchedule } from '@hub/shared/catalogue/pricing/price-list.rules';

/** Prices for one region × channel × currency, effective from `validFrom` (inclusive) to `validTo` (exclusive). */
export const PriceList = defineEntity({
  name: 'PriceList',
  tableName: 'price_list',
  properties: {
    id: p.string().length(100).primary(),
    region: p.string().length(16),
    channel: p.string().length(20),
    currency: p.string().length(3),
    validFrom: p.datetime(),
    validTo: p.datetime().nullable(),
    shipping: p.json<ShippingSchedule>(),
    version: p.integer(),
    catalogueVersion: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type PriceList = InferEntity<typeof PriceList>;

export const Price = defineEntity({
  name: 'Price',
  tableName: 'price',
  properties: {
    priceListId: p.string().length(100).primary(),
    sku: p.string().length(64).primary(),
    unitPrice: p.bigint('number'),
    free: p.boolean(),
  },
});
export type Price = InferEntity<typeof Price>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { NameLocale } from '@hub/shared/catalogue/products/product.rules';

/** A sellable SKU and the facts regional rules, pricing and fulfilment read from it. */
export const Product = defineEntity({
  name: 'Product',
  tableName: 'product',
  properties: {
    id: p.uuid().primary(),
    sku: p.string().length(64).unique(),
    names: p.json<Partial<Record<NameLocale, string>>>(),
    category: p.string().length(40).index(),
    cnReturnClass: p.string().length(40),
    euTaxClass: p.string().length(16),
    hazardous: p.boolean(),
    weightGrams: p.integer(),
    lengthMm: p.integer(),
    widthMm: p.integer(),
    heightMm: p.integer(),
    status: p.string().length(16).index(),
    /** Optimistic lock for editors: a stale `expectedVersion` is refused. */
    version: p.integer(),
    /** The catalogue version of the product's last change. */
    catalogueVersion: p.integer(),
    createdAt: p.datetime(),
    updatedAt: p.datetime(),
  },
});
export type Product = InferEntity<typeof Product>;

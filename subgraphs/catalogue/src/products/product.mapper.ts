import type { ProductFacts } from '@hub/shared/catalogue/products/product.rules';
import type { Product } from './persistence/product.entity.js';

/** The facts a product replicates and prices with; the entity adds ids, versions and timestamps. */
export const productFactsOf = (product: Product): ProductFacts => ({
  sku: product.sku,
  names: product.names,
  category: product.category as ProductFacts['category'],
  cnReturnClass: product.cnReturnClass as ProductFacts['cnReturnClass'],
  euTaxClass: product.euTaxClass as ProductFacts['euTaxClass'],
  hazardous: product.hazardous,
  weightGrams: product.weightGrams,
  lengthMm: product.lengthMm,
  widthMm: product.widthMm,
  heightMm: product.heightMm,
  status: product.status as ProductFacts['status'],
});

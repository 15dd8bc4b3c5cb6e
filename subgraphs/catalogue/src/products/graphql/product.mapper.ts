import type { Product } from '../persistence/product.entity.js';
import type { ProductView } from './product.types.js';

export const toProductView = (product: Product): ProductView => ({
  id: product.id,
  sku: product.sku,
  names: Object.entries(product.names).map(([locale, value]) => ({ locale, value: value as string })),
  category: product.category as ProductView['category'],
  cnReturnClass: product.cnReturnClass as ProductView['cnReturnClass'],
  euTaxClass: product.euTaxClass as ProductView['euTaxClass'],
  hazardous: product.hazardous,
  weightGrams: product.weightGrams,
  dimensions: { lengthMm: product.lengthMm, widthMm: product.widthMm, heightMm: product.heightMm },
  status: product.status as ProductView['status'],
  version: product.version,
  catalogueVersion: product.catalogueVersion,
  updatedAt: product.updatedAt,
});

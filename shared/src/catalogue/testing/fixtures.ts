import type { PriceListFacts } from '../pricing/price-list.rules.js';
import type { ProductFacts } from '../products/product.rules.js';

/** A valid product to vary in tests. */
export const aProduct = (changes: Partial<ProductFacts> = {}): ProductFacts => ({
  sku: 'TSH-ORG-M',
  names: { en: 'Organic T-shirt M', 'zh-CN': '有机T恤 M' },
  category: 'APPAREL',
  cnReturnClass: 'RETURNABLE',
  euTaxClass: 'STANDARD',
  hazardous: false,
  weightGrams: 180,
  lengthMm: 300,
  widthMm: 250,
  heightMm: 20,
  status: 'ACTIVE',
  ...changes,
});

/** A valid price list to vary in tests. */
export const aPriceList = (changes: Partial<PriceListFacts> = {}): PriceListFacts => ({
  id: 'de-web-eur-2026',
  version: 1,
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: null,
  prices: [{ sku: 'TSH-ORG-M', unitPrice: 1999 }],
  shipping: { baseFee: 495, perKgFee: 100, bulkySurcharge: 2500, freeFrom: 5000 },
  ...changes,
});

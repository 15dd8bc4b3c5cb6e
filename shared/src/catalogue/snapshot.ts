import type { PriceListFacts } from './pricing/price-list.rules.js';
import type { ProductFacts } from './products/product.rules.js';

/**
 * Everything a region needs to price an order without asking anyone: every product's facts and every price list,
 * as of one catalogue version. The catalogue publishes it whole on each change (a few hundred kilobytes for
 * thousands of SKUs), so a region that missed messages catches up from the newest one alone.
 */
export interface CatalogueSnapshot {
  /** Goes up by one with every catalogue change (product or price list). */
  version: number;
  takenAt: string;
  products: ProductFacts[];
  priceLists: PriceListFacts[];
}

/** A snapshot with lookups built once, so pricing a line is a map read. */
export interface IndexedCatalogue {
  version: number;
  products: ReadonlyMap<string, ProductFacts>;
  priceLists: readonly PriceListFacts[];
  /** Unit prices by price-list id, then SKU. */
  prices: ReadonlyMap<string, ReadonlyMap<string, PriceListFacts['prices'][number]>>;
}

export function indexCatalogue(snapshot: CatalogueSnapshot): IndexedCatalogue {
  return {
    version: snapshot.version,
    products: new Map(snapshot.products.map((product) => [product.sku, product])),
    priceLists: snapshot.priceLists,
    prices: new Map(snapshot.priceLists.map((list) => [list.id, new Map(list.prices.map((entry) => [entry.sku, entry]))])),
  };
}

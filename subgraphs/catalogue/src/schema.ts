import type { MikroORM } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import { createCatalogueAuditResolver } from './audit/catalogue-audit.resolver.js';
import { createImportResolver } from './imports/graphql/import.resolver.js';
import type { ImportService } from './imports/import.service.js';
import { createPriceListResolver } from './price-lists/graphql/price-list.resolver.js';
import type { PriceListService } from './price-lists/price-list.service.js';
import { createProductResolver } from './products/graphql/product.resolver.js';
import type { ProductService } from './products/product.service.js';
import { createQuoteResolver } from './quote/quote.resolver.js';
import type { QuoteService } from './quote/quote.service.js';

export interface CatalogueServices {
  products: ProductService;
  priceLists: PriceListService;
  imports: ImportService;
  quotes: QuoteService;
}

/** The catalogue's resolvers; built without I/O, so the SDL can be printed at build time too. */
export function catalogueResolvers(orm: MikroORM, services: CatalogueServices): NonEmptyArray<Function> {
  return [
    createProductResolver(orm, services.products),
    createPriceListResolver(orm, services.priceLists),
    createImportResolver(services.imports),
    createQuoteResolver(services.quotes),
    createCatalogueAuditResolver(orm),
  ];
}

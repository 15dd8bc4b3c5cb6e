import type { MikroORM } from '@mikro-orm/postgresql';
import { indexCatalogue, type CatalogueSnapshot, type IndexedCatalogue } from '@hub/shared/catalogue/snapshot';
import { Price, PriceList } from '../price-lists/persistence/price-list.entity.js';
import { priceListFactsOf } from '../price-lists/price-list.mapper.js';
import { Product } from '../products/persistence/product.entity.js';
import { productFactsOf } from '../products/product.mapper.js';

/**
 * The whole catalogue in memory for quotes, rebuilt when the catalogue version moved (one indexed read per quote
 * tells), so every replica of this service quotes from the newest committed catalogue.
 */
export class CatalogueReader {
  private cached: { version: number; catalogue: Promise<IndexedCatalogue> } | undefined;

  constructor(private readonly orm: MikroORM) {}

  async current(): Promise<IndexedCatalogue> {
    const version = await this.version();
    if (this.cached?.version !== version) {
      const catalogue = this.load().then(indexCatalogue);
      this.cached = { version, catalogue };
      catalogue.catch(() => {
        if (this.cached?.catalogue === catalogue) this.cached = undefined;
      });
    }
    return this.cached.catalogue;
  }

  async version(): Promise<number> {
    const [row] = await this.orm.em.getConnection().execute<Array<{ version: number }>>('select version from catalogue.catalogue_state where id = 1');
    return row!.version;
  }

  /** A consistent snapshot: read in one repeatable-read transaction. */
  async load(): Promise<CatalogueSnapshot> {
    return this.orm.em.fork().transactional(
      async (em) => {
        const [state] = await em
          .getConnection()
          .execute<Array<{ version: number }>>('select version from catalogue.catalogue_state where id = 1', [], 'all', em.getTransactionContext());
        const products = await em.find(Product, {}, { orderBy: { sku: 'asc' } });
        const lists = await em.find(PriceList, {}, { orderBy: { id: 'asc' } });
        const prices = await em.find(Price, {}, { orderBy: { sku: 'asc' } });
        const byList = new Map<string, Price[]>();
        for (const price of prices) {
          const entries = byList.get(price.priceListId);
          if (entries) entries.push(price);
          else byList.set(price.priceListId, [price]);
        }
        return {
          version: state!.version,
          takenAt: new Date().toISOString(),
          products: products.map(productFactsOf),
          priceLists: lists.map((list) => priceListFactsOf(list, byList.get(list.id) ?? [])),
        };
      },
      { isolationLevel: 'repeatable read', readOnly: true },
    );
  }
}

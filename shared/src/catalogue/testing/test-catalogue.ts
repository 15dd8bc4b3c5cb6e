import { jetstream } from '@nats-io/jetstream';
import type { BaseEnv } from '../../env.js';
import { CHANNELS } from '../../messaging/contracts.js';
import { connectTestNats } from '../../testing/harness.js';
import type { PriceListFacts } from '../pricing/price-list.rules.js';
import type { ProductFacts } from '../products/product.rules.js';
import {
  catalogueChangeMessageId,
  catalogueChangeSubject,
  catalogueSubjectsFor,
  ensureCatalogueStream,
  type CatalogueChange,
} from '../replication/catalogue-contracts.js';
import { aProduct } from './fixtures.js';

/**
 * A product a test orders, at its net unit price (one for every currency, or one per currency it is sold in); facts
 * default to an ordinary, returnable, standard-rated item.
 */
export type TestCatalogueItem = Partial<ProductFacts> & { sku: string; unitPrice: number | Readonly<Record<string, number>> };

const priceIn = (item: TestCatalogueItem, currency: string) => (typeof item.unitPrice === 'number' ? item.unitPrice : item.unitPrice[currency]);

export interface TestCatalogueScope {
  region: string;
  currencies: readonly string[];
  items: readonly TestCatalogueItem[];
  shipping?: PriceListFacts['shipping'];
}

const NO_SHIPPING: PriceListFacts['shipping'] = { baseFee: 0, perKgFee: 0, bulkySurcharge: 0, freeFrom: null };

/**
 * Publishes a catalogue on a test's namespace exactly as the catalogue service replicates it (one message per product
 * and per price list, on the catalogue stream), so a region under test prices from it without the catalogue running.
 * Price lists cover every channel from 2020 on, with no shipping unless given. Resolves with the last catalogue version.
 */
export async function publishTestCatalogue(env: BaseEnv, scopes: readonly TestCatalogueScope[]): Promise<number> {
  const namespace = env.NATS_NAMESPACE;
  const nc = await connectTestNats(env, 'test-catalogue');
  try {
    const subjects = catalogueSubjectsFor(namespace);
    await ensureCatalogueStream(nc, subjects);
    const js = jetstream(nc);
    let version = 0;
    const publish = async (change: { kind: 'product'; product: ProductFacts } | { kind: 'price-list'; priceList: PriceListFacts }) => {
      version += 1;
      const message = { ...change, catalogueVersion: version } as CatalogueChange;
      await js.publish(catalogueChangeSubject(subjects, message), JSON.stringify(message), { msgID: catalogueChangeMessageId(message) });
    };
    const products = new Map(
      scopes.flatMap((scope) => scope.items).map(({ unitPrice: _price, ...facts }) => [facts.sku, aProduct({ names: { en: facts.sku }, ...facts })]),
    );
    for (const product of products.values()) await publish({ kind: 'product', product });
    for (const scope of scopes) {
      for (const currency of scope.currencies) {
        for (const channel of CHANNELS) {
          await publish({
            kind: 'price-list',
            priceList: {
              id: `${scope.region}-${channel.toLowerCase().replaceAll('_', '-')}-${currency.toLowerCase()}-test`,
              version: 1,
              region: scope.region,
              channel,
              currency,
              validFrom: '2020-01-01T00:00:00Z',
              validTo: null,
              prices: scope.items
                .filter((item) => priceIn(item, currency) !== undefined)
                .map((item) => ({ sku: item.sku, unitPrice: priceIn(item, currency)! })),
              shipping: scope.shipping ?? NO_SHIPPING,
            },
          });
        }
      }
    }
    return version;
  } finally {
    await nc.close();
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { Channel } from '@hub/shared/messaging/contracts';
import type { PriceListFacts } from '@hub/shared/catalogue/pricing/price-list.rules';
import { Price, PriceList } from './persistence/price-list.entity.js';

export const priceListFactsOf = (list: PriceList, prices: readonly Price[]): PriceListFacts => ({
  id: list.id,
  version: list.version,
  region: list.region,
  channel: list.channel as Channel,
  currency: list.currency,
  validFrom: list.validFrom.toISOString(),
  validTo: list.validTo?.toISOString() ?? null,
  shipping: list.shipping,
  prices: prices.map((price) => ({ sku: price.sku, unitPrice: price.unitPrice, ...(price.free ? { free: true } : {}) })),
});

/** A list with its prices, as it is inside `em`'s transaction. */
export async function loadPriceListFacts(em: EntityManager, list: PriceList): Promise<PriceListFacts> {
  const prices = await em.find(Price, { priceListId: list.id }, { orderBy: { sku: 'asc' }, refresh: true });
  return priceListFactsOf(list, prices);
}

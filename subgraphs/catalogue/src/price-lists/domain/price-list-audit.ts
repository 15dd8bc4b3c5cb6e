import type { PriceEntry, PriceListFacts } from '@hub/shared/catalogue/pricing/price-list.rules';

/** A list without its prices: small, so an audit entry holds it whole on both sides. */
export type PriceListHeader = Omit<PriceListFacts, 'prices'>;

/** The list as it was, as far as the change touched it. */
export interface PriceListAuditBefore extends PriceListHeader {
  /** Prices the list held. */
  priceCount: number;
  /** The entries the change replaced, as they were: `after.changedPrices` holds the new ones, same SKUs in the same order. */
  changedPrices: PriceEntry[];
  /** The entries the change removed. */
  removedPrices: PriceEntry[];
}

/** The list as it is, as far as the change touched it. */
export interface PriceListAuditAfter extends PriceListHeader {
  /** Prices the list holds. */
  priceCount: number;
  /** The new entries of the SKUs in `before.changedPrices`. */
  changedPrices: PriceEntry[];
  /** The entries the change added: every price when the list was created. */
  addedPrices: PriceEntry[];
}

/**
 * Two entries of a SKU agree when every field does. Keyed by every field of `PriceEntry`, so a field added there does
 * not compile until it is compared here: a change to it can never go unrecorded.
 */
const SAME_FIELD: { [K in keyof Required<PriceEntry>]: (a: PriceEntry, b: PriceEntry) => boolean } = {
  sku: (a, b) => a.sku === b.sku,
  unitPrice: (a, b) => a.unitPrice === b.unitPrice,
  // Absent means not free.
  free: (a, b) => (a.free === true) === (b.free === true),
};
const sameEntry = (a: PriceEntry, b: PriceEntry) => Object.values(SAME_FIELD).every((same) => same(a, b));
const headerOf = ({ prices, ...header }: PriceListFacts): PriceListHeader => header;

/**
 * What a change did to a price list, for its audit entry: the header before and after whole, the price counts, and only
 * the prices added, changed (old and new entry) or removed. Lists reach 60,000 prices and a change often touches one, so
 * the whole list twice per change would make the audit trail mostly copies. Creation (`before` null) records every price
 * as added. Linear in the lists' length: prices are matched by SKU through a Map.
 */
export function priceListAuditEntry(before: PriceListFacts | null, after: PriceListFacts): { before: PriceListAuditBefore | null; after: PriceListAuditAfter } {
  const oldPrices = before?.prices ?? [];
  const newPrices = after.prices;
  const oldBySku = new Map(oldPrices.map((entry) => [entry.sku, entry]));
  const newSkus = new Set(newPrices.map((entry) => entry.sku));
  const changedFrom: PriceEntry[] = [];
  const changedTo: PriceEntry[] = [];
  const added: PriceEntry[] = [];
  for (const entry of newPrices) {
    const old = oldBySku.get(entry.sku);
    if (!old) added.push(entry);
    else if (!sameEntry(old, entry)) {
      changedFrom.push(old);
      changedTo.push(entry);
    }
  }
  const removed = oldPrices.filter((entry) => !newSkus.has(entry.sku));
  return {
    before: before ? { ...headerOf(before), priceCount: oldPrices.length, changedPrices: changedFrom, removedPrices: removed } : null,
    after: { ...headerOf(after), priceCount: newPrices.length, changedPrices: changedTo, addedPrices: added },
  };
}

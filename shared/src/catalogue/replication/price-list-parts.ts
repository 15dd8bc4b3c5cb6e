import { compareText } from '../../compare-text.js';
import type { PriceListFacts } from '../pricing/price-list.rules.js';
import type { PriceListChange, PriceListPartChange } from './catalogue-contracts.js';

/**
 * The most prices one replication message carries. A price is at most some 120 bytes of JSON (a 64-character SKU,
 * a 16-digit amount, `free`), so a part stays under 250 KB: a quarter of NATS's default 1 MB `max_payload`, leaving
 * room for the list's header fields, the message headers and a server configured tighter than the default.
 */
export const PRICES_PER_PART = 2_000;

/**
 * The messages that replicate `priceList` as of `catalogueVersion`: the whole list in one message while it fits in
 * one part (as every replica has always read it), else parts of `perPart` prices each, by SKU so that the same list
 * always splits the same way.
 */
export function priceListChanges(priceList: PriceListFacts, catalogueVersion: number, perPart = PRICES_PER_PART): PriceListChange[] {
  if (priceList.prices.length <= perPart) return [{ kind: 'price-list', catalogueVersion, priceList }];
  const prices = [...priceList.prices].sort((a, b) => compareText(a.sku, b.sku));
  const parts = Math.ceil(prices.length / perPart);
  return Array.from({ length: parts }, (_, part) => ({
    kind: 'price-list-part',
    catalogueVersion,
    part,
    parts,
    priceList: { ...priceList, prices: prices.slice(part * perPart, (part + 1) * perPart) },
  }));
}

/**
 * The list of the newest catalogue version whose parts are all among `parts`, or null when no version is complete.
 * Parts of other versions never mix into it: a stream that keeps the newest message per subject may still hold parts
 * of an older, longer version of the list beside the current ones.
 */
export function assemblePriceList(parts: readonly PriceListPartChange[]): { catalogueVersion: number; priceList: PriceListFacts } | null {
  const versions = [...new Set(parts.map((part) => part.catalogueVersion))].sort((a, b) => b - a);
  for (const catalogueVersion of versions) {
    const ofVersion = parts.filter((part) => part.catalogueVersion === catalogueVersion);
    const count = ofVersion[0]!.parts;
    const byIndex = new Map(ofVersion.filter((part) => part.parts === count).map((part) => [part.part, part]));
    const ordered = Array.from({ length: count }, (_, index) => byIndex.get(index));
    if (ordered.some((part) => part === undefined)) continue;
    const slices = ordered as PriceListPartChange[];
    return { catalogueVersion, priceList: { ...slices[0]!.priceList, prices: slices.flatMap((part) => part.priceList.prices) } };
  }
  return null;
}

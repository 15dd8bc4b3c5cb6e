import type { PriceEntry } from '@hub/shared/catalogue/pricing/price-list.rules';
import { aPriceList } from '@hub/shared/catalogue/testing/fixtures';
import { priceListAuditEntry } from './price-list-audit.js';

const price = (sku: string, unitPrice: number, free?: true): PriceEntry => ({ sku, unitPrice, ...(free ? { free } : {}) });
const { prices: _prices, ...header } = aPriceList();

describe('priceListAuditEntry: a change to a list states the prices it touched, not the list', () => {
  it.each<[string, PriceEntry[], PriceEntry[], { changedFrom: PriceEntry[]; removed: PriceEntry[]; changedTo: PriceEntry[]; added: PriceEntry[] }]>([
    ['nothing changed', [price('A', 100), price('B', 200)], [price('A', 100), price('B', 200)], { changedFrom: [], removed: [], changedTo: [], added: [] }],
    [
      'one price of several changed',
      [price('A', 100), price('B', 200), price('C', 300)],
      [price('A', 100), price('B', 250), price('C', 300)],
      { changedFrom: [price('B', 200)], removed: [], changedTo: [price('B', 250)], added: [] },
    ],
    ['a price added', [price('A', 100)], [price('A', 100), price('B', 200)], { changedFrom: [], removed: [], changedTo: [], added: [price('B', 200)] }],
    ['a price removed', [price('A', 100), price('B', 200)], [price('A', 100)], { changedFrom: [], removed: [price('B', 200)], changedTo: [], added: [] }],
    [
      'added, changed and removed at once',
      [price('A', 100), price('B', 200), price('C', 300)],
      [price('A', 110), price('C', 300), price('D', 400)],
      { changedFrom: [price('A', 100)], removed: [price('B', 200)], changedTo: [price('A', 110)], added: [price('D', 400)] },
    ],
    [
      'an entry made free: whole entries are compared, not only the amount',
      [price('A', 0), price('B', 200)],
      [price('A', 0, true), price('B', 200)],
      { changedFrom: [price('A', 0)], removed: [], changedTo: [price('A', 0, true)], added: [] },
    ],
    [
      '`free: false` is the same as no `free`',
      [{ sku: 'A', unitPrice: 100, free: false }],
      [price('A', 100)],
      { changedFrom: [], removed: [], changedTo: [], added: [] },
    ],
    [
      'the order of the lists does not matter; changed entries pair up by SKU',
      [price('C', 300), price('A', 100), price('B', 200)],
      [price('B', 220), price('A', 110), price('C', 300)],
      { changedFrom: [price('B', 200), price('A', 100)], removed: [], changedTo: [price('B', 220), price('A', 110)], added: [] },
    ],
    ['every price removed', [price('A', 100)], [], { changedFrom: [], removed: [price('A', 100)], changedTo: [], added: [] }],
  ])('%s', (_label, oldPrices, newPrices, expected) => {
    const entry = priceListAuditEntry(aPriceList({ prices: oldPrices }), aPriceList({ version: 2, prices: newPrices }));
    expect(entry.before).toEqual({ ...header, priceCount: oldPrices.length, changedPrices: expected.changedFrom, removedPrices: expected.removed });
    expect(entry.after).toEqual({ ...header, version: 2, priceCount: newPrices.length, changedPrices: expected.changedTo, addedPrices: expected.added });
  });

  it('records a new list whole: no before, every price added', () => {
    const prices = [price('A', 100), price('B', 0, true)];
    expect(priceListAuditEntry(null, aPriceList({ prices }))).toEqual({
      before: null,
      after: { ...header, priceCount: 2, changedPrices: [], addedPrices: prices },
    });
  });

  it('records the header before and after whole, also when no price changed', () => {
    const closed = { validTo: '2026-07-01T00:00:00Z', shipping: { ...header.shipping, freeFrom: null } };
    const entry = priceListAuditEntry(aPriceList(), aPriceList({ version: 2, ...closed }));
    expect(entry.before).toEqual({ ...header, priceCount: 1, changedPrices: [], removedPrices: [] });
    expect(entry.after).toEqual({ ...header, ...closed, version: 2, priceCount: 1, changedPrices: [], addedPrices: [] });
  });

  it('finds the one price changed among 60,000', () => {
    const prices = Array.from({ length: 60_000 }, (_, n) => price(`P${n}`, 1_000 + n));
    const repriced = prices.map((entry, n) => (n === 31_337 ? price(entry.sku, 1) : entry));
    const entry = priceListAuditEntry(aPriceList({ prices }), aPriceList({ prices: repriced }));
    expect(entry.before?.changedPrices).toEqual([price('P31337', 32_337)]);
    expect(entry.after.changedPrices).toEqual([price('P31337', 1)]);
    expect([entry.before?.priceCount, entry.after.priceCount]).toEqual([60_000, 60_000]);
  });
});

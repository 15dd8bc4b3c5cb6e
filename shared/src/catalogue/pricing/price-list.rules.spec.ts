import { aPriceList } from '../testing/fixtures.js';
import { findOverlap, priceListInForce, validatePriceList, type PriceListFacts } from './price-list.rules.js';

describe('validatePriceList', () => {
  it('accepts a well-formed list', () => {
    expect(validatePriceList(aPriceList())).toEqual([]);
  });

  it.each<[string, Partial<PriceListFacts>, string, string]>([
    ['a negative price', { prices: [{ sku: 'A', unitPrice: -1 }] }, 'prices.0.unitPrice', 'INVALID_PRICE'],
    ['a fractional price', { prices: [{ sku: 'A', unitPrice: 19.99 }] }, 'prices.0.unitPrice', 'INVALID_PRICE'],
    ['a zero price not marked free', { prices: [{ sku: 'A', unitPrice: 0 }] }, 'prices.0.unitPrice', 'ZERO_PRICE_NOT_ALLOWED'],
    ['a free entry with a price', { prices: [{ sku: 'A', unitPrice: 5, free: true }] }, 'prices.0.free', 'INVALID'],
    [
      'a SKU priced twice',
      {
        prices: [
          { sku: 'A', unitPrice: 5 },
          { sku: 'A', unitPrice: 6 },
        ],
      },
      'prices.1.sku',
      'CONFLICT',
    ],
    ['an end before the start', { validTo: '2025-12-31T00:00:00Z' }, 'validTo', 'INVALID'],
    ['a lower-case currency', { currency: 'eur' }, 'currency', 'INVALID'],
    ['an unknown channel', { channel: 'FAX' as never }, 'channel', 'INVALID'],
    ['a negative shipping fee', { shipping: { baseFee: -5, perKgFee: 0, bulkySurcharge: 0, freeFrom: null } }, 'shipping.baseFee', 'INVALID_PRICE'],
  ])('refuses %s', (_label, changes, field, code) => {
    expect(validatePriceList(aPriceList(changes))).toEqual([{ field: field.split('.'), code, message: expect.any(String) }]);
  });

  it('accepts a zero price the list marks free', () => {
    expect(validatePriceList(aPriceList({ prices: [{ sku: 'SAMPLE', unitPrice: 0, free: true }] }))).toEqual([]);
  });
});

describe('findOverlap', () => {
  const existing = [
    aPriceList({ id: 'a', validFrom: '2026-01-01T00:00:00Z', validTo: '2026-07-01T00:00:00Z' }),
    aPriceList({ id: 'b', validFrom: '2026-07-01T00:00:00Z', validTo: null }),
    aPriceList({ id: 'c', channel: 'MOBILE_APP', validFrom: '2025-01-01T00:00:00Z', validTo: null }),
  ];
  it.each<[string, Partial<PriceListFacts>, string | undefined]>([
    ['before everything', { validFrom: '2025-01-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' }, undefined],
    ['ending inside a', { validFrom: '2025-06-01T00:00:00Z', validTo: '2026-01-02T00:00:00Z' }, 'a'],
    ['open-ended after b started', { validFrom: '2027-01-01T00:00:00Z', validTo: null }, 'b'],
    ['another channel', { channel: 'CALL_CENTER', validFrom: '2026-03-01T00:00:00Z' }, undefined],
    ['another currency', { currency: 'USD', validFrom: '2026-03-01T00:00:00Z' }, undefined],
    ['the list itself, edited', { id: 'a', validFrom: '2026-01-01T00:00:00Z', validTo: '2026-06-01T00:00:00Z' }, undefined],
  ])('%s → %s', (_label, changes, overlapping) => {
    expect(findOverlap({ ...aPriceList({ id: 'new' }), ...changes }, existing)?.id).toBe(overlapping);
  });

  it('finds the list in force at an instant, the end being exclusive', () => {
    const scope = { region: 'de', channel: 'WEB' as const, currency: 'EUR' };
    expect(priceListInForce(existing, scope, new Date('2026-06-30T23:59:59Z'))?.id).toBe('a');
    expect(priceListInForce(existing, scope, new Date('2026-07-01T00:00:00Z'))?.id).toBe('b');
    expect(priceListInForce(existing, scope, new Date('2025-12-31T00:00:00Z'))).toBeUndefined();
  });
});

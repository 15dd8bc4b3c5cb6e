import { aPriceList, aProduct } from '../../catalogue/testing/fixtures.js';
import { indexCatalogue } from '../../catalogue/snapshot.js';
import { priceOrder, type ClientLine } from './placement-pricing.rules.js';

const catalogue = indexCatalogue({
  version: 7,
  takenAt: '2026-03-01T00:00:00Z',
  products: [aProduct(), aProduct({ sku: 'BOOK-1', category: 'BOOKS', euTaxClass: 'REDUCED' }), aProduct({ sku: 'OLD-1', status: 'RETIRED' })],
  priceLists: [
    aPriceList({
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 1999 },
        { sku: 'BOOK-1', unitPrice: 1500 },
        { sku: 'OLD-1', unitPrice: 100 },
      ],
    }),
  ],
});
const cart = {
  region: 'de',
  channel: 'WEB' as const,
  currency: 'EUR',
  destination: { country: 'DE' },
  customerType: 'CONSUMER' as const,
  vatIdCountry: null,
  at: new Date('2026-03-10T12:00:00Z'),
};
const line = (sku: string, changes: Partial<ClientLine> = {}): ClientLine => ({ sku, quantity: 1, unitPrice: null, unitTax: null, attributes: {}, ...changes });
const price = (lines: ClientLine[], shippingTotal: number | null = null, discountTotal = 0) =>
  priceOrder(catalogue, cart, { lines, shippingTotal, discountTotal });

describe('pricing a placement from the catalogue', () => {
  it("prices SKU and quantity at the list price and the product's VAT, with the list's shipping, and says what it priced from", () => {
    const result = price([line('TSH-ORG-M', { quantity: 2, attributes: { size: 'M', category: 'FAKE' } }), line('BOOK-1')]);
    expect(result).toMatchObject({
      ok: true,
      order: {
        currency: 'EUR',
        pricedWith: { catalogueVersion: 7, priceListId: 'de-web-eur-2026', priceListVersion: 1 },
        lines: [
          { sku: 'TSH-ORG-M', quantity: 2, unitPrice: 1999, unitTax: 380, attributes: { size: 'M', category: 'APPAREL' } },
          { sku: 'BOOK-1', quantity: 1, unitPrice: 1500, unitTax: 105 },
        ],
      },
    });
    if (!result.ok) return;
    const { order } = result;
    expect(order.grandTotal).toBe(order.quote.totals.grandTotal);
    expect(order.shippingTotal).toBe(order.quote.totals.shippingTotal);
  });

  it.each([
    [
      'a client unit price that differs',
      [line('TSH-ORG-M'), line('BOOK-1', { unitPrice: 1 })],
      null,
      'PRICE_DIFFERS',
      ['lines', '1', 'unitPrice'],
      'lines[1].unitPrice',
    ],
    [
      'a client unit tax that differs',
      [line('TSH-ORG-M', { unitPrice: 1999, unitTax: 0 })],
      null,
      'VAT_AMOUNT_MISMATCH',
      ['lines', '0', 'unitTax'],
      'lines[0].unitTax',
    ],
    ['a client shipping total that differs', [line('TSH-ORG-M')], 0, 'PRICE_DIFFERS', ['shippingTotal'], 'shippingTotal'],
    ['an unknown SKU', [line('TSH-ORG-M'), line('NOPE')], null, 'UNKNOWN_SKU', ['lines', '1', 'sku'], 'Line 2'],
    ['a retired SKU', [line('OLD-1')], null, 'SKU_RETIRED', ['lines', '0', 'sku'], 'Line 1'],
  ] as const)('refuses %s, naming the field', (_label, lines, shippingTotal, code, field, named) => {
    const result = price([...lines], shippingTotal);
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ code, field })] });
    expect(!result.ok && result.problems[0]!.message).toContain(named);
  });

  it('names every line whose client amounts differ, and the shipping total, at once', () => {
    const result = price([line('TSH-ORG-M', { unitPrice: 1 }), line('BOOK-1', { unitPrice: 1500, unitTax: 1 })], 0);
    expect(result.ok ? [] : result.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['lines.0.unitPrice', 'PRICE_DIFFERS'],
      ['lines.1.unitTax', 'VAT_AMOUNT_MISMATCH'],
      ['shippingTotal', 'PRICE_DIFFERS'],
    ]);
  });

  it('names every unknown or retired line at once', () => {
    const result = price([line('NOPE'), line('TSH-ORG-M'), line('OLD-1')]);
    expect(result.ok ? [] : result.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['lines.0.sku', 'UNKNOWN_SKU'],
      ['lines.2.sku', 'SKU_RETIRED'],
    ]);
  });

  it("takes client amounts that agree with the hub's (old clients keep working)", () => {
    const result = price([line('TSH-ORG-M', { unitPrice: 1999, unitTax: 380 })], 495 + 94);
    expect(result.ok).toBe(true);
  });
});

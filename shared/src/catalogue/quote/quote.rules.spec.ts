import { aPriceList, aProduct } from '../testing/fixtures.js';
import { indexCatalogue } from '../snapshot.js';
import { computeQuote, shippingFee, type QuoteRequest } from './quote.rules.js';

const shipping = { baseFee: 495, perKgFee: 100, bulkySurcharge: 2500, freeFrom: 10_000 };
const catalogue = indexCatalogue({
  version: 42,
  takenAt: '2026-03-01T00:00:00Z',
  products: [
    aProduct(),
    aProduct({ sku: 'BOOK-1', names: { en: 'A novel' }, category: 'BOOKS', euTaxClass: 'REDUCED', weightGrams: 400 }),
    aProduct({
      sku: 'NEWS-1',
      names: { en: 'Daily paper' },
      category: 'NEWSPAPERS_PERIODICALS',
      cnReturnClass: 'NEWSPAPER_PERIODICAL',
      euTaxClass: 'ZERO',
      weightGrams: 200,
    }),
    aProduct({
      sku: 'FISH-1',
      names: { en: 'Fresh salmon' },
      category: 'FRESH_FOOD',
      cnReturnClass: 'FRESH_PERISHABLE',
      euTaxClass: 'REDUCED',
      weightGrams: 500,
    }),
    aProduct({ sku: 'SOFA-1', names: { en: 'Sofa' }, category: 'FURNITURE', weightGrams: 45_000, lengthMm: 2_100, widthMm: 900, heightMm: 800 }),
    aProduct({ sku: 'OLD-1', status: 'RETIRED' }),
    aProduct({ sku: 'DRAFT-1', status: 'DRAFT' }),
  ],
  priceLists: [
    aPriceList({
      id: 'de-2026',
      version: 3,
      shipping,
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 1999 },
        { sku: 'BOOK-1', unitPrice: 1500 },
        { sku: 'NEWS-1', unitPrice: 250 },
        { sku: 'SOFA-1', unitPrice: 49_900 },
        { sku: 'OLD-1', unitPrice: 100 },
      ],
    }),
    aPriceList({
      id: 'de-2020',
      validFrom: '2020-01-01T00:00:00Z',
      validTo: '2026-01-01T00:00:00Z',
      shipping,
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 1999 },
        { sku: 'BOOK-1', unitPrice: 1500 },
      ],
    }),
    aPriceList({
      id: 'cn-web',
      region: 'cn',
      currency: 'CNY',
      shipping: { baseFee: 0, perKgFee: 0, bulkySurcharge: 0, freeFrom: null },
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 9900 },
        { sku: 'FISH-1', unitPrice: 16800 },
        { sku: 'NEWS-1', unitPrice: 300 },
      ],
    }),
    aPriceList({
      id: 'sea-th',
      region: 'sea',
      channel: 'MOBILE_APP',
      currency: 'THB',
      shipping: { baseFee: 4000, perKgFee: 0, bulkySurcharge: 0, freeFrom: null },
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 29_000 },
        { sku: 'SOFA-1', unitPrice: 2_500_000 },
      ],
    }),
  ],
});

const request = (changes: Partial<QuoteRequest> = {}): QuoteRequest => ({
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  destination: { country: 'DE', postalCode: '10115' },
  customerType: 'CONSUMER',
  vatIdCountry: null,
  lines: [
    { sku: 'TSH-ORG-M', quantity: 2 },
    { sku: 'BOOK-1', quantity: 1 },
  ],
  at: new Date('2026-03-10T12:00:00Z'),
  ...changes,
});

const ok = (changes: Partial<QuoteRequest> = {}) => {
  const result = computeQuote(catalogue, request(changes));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.quote;
};

describe('computeQuote', () => {
  it('prices a German order: VAT by tax class, shipping split by the goods it follows, exact totals', () => {
    const quote = ok();
    expect(quote).toMatchObject({
      catalogueVersion: 42,
      priceListId: 'de-2026',
      priceListVersion: 3,
      currency: 'EUR',
      taxDate: '2026-03-10',
      vat: { scheme: 'DOMESTIC', taxCountry: 'DE' },
    });
    expect(quote.lines.map(({ sku, unitPrice, unitTax, rateBp, net, tax }) => ({ sku, unitPrice, unitTax, rateBp, net, tax }))).toEqual([
      { sku: 'TSH-ORG-M', unitPrice: 1999, unitTax: 380, rateBp: 1900, net: 3998, tax: 760 },
      { sku: 'BOOK-1', unitPrice: 1500, unitTax: 105, rateBp: 700, net: 1500, tax: 105 },
    ]);
    expect(quote.shipping).toEqual({
      net: 495,
      tax: 77,
      parts: [
        { rateBp: 1900, net: 360, vat: 68 },
        { rateBp: 700, net: 135, vat: 9 },
      ],
    });
    expect(quote.totals).toEqual({ itemsTotal: 5498, taxTotal: 865, shippingTotal: 572, discountTotal: 0, grandTotal: 6935 });
    expect(quote.cashOnDelivery).toEqual({ available: false, limit: null });
  });

  it.each<[string, Partial<QuoteRequest>, string, number[]]>([
    ['second half of 2020: 16 % and 5 %', { at: new Date('2020-08-01T10:00:00Z') }, 'DOMESTIC', [1600, 500]],
    ['an EU consumer below the threshold: German VAT', { destination: { country: 'FR', postalCode: '75001' } }, 'DISTANCE_SALE_DE_VAT', [1900, 700]],
    [
      'an EU consumer above the threshold: French VAT through the OSS',
      {
        destination: { country: 'FR', postalCode: '75001' },
        eu: {
          dispatchCountry: 'DE',
          crossBorderB2cNet: { previousYear: 2_000_000, currentYear: 0 },
          optedForDestinationTaxation: false,
          iossRegistered: false,
        },
      },
      'OSS',
      [2000, 550],
    ],
    ['a French business: reverse charge', { destination: { country: 'FR' }, customerType: 'BUSINESS', vatIdCountry: 'FR' }, 'REVERSE_CHARGE', [0, 0]],
    [
      'a newspaper to Denmark under the OSS: zero-rated',
      {
        destination: { country: 'DK' },
        lines: [{ sku: 'NEWS-1', quantity: 1 }],
        eu: { dispatchCountry: 'DE', crossBorderB2cNet: { previousYear: 2_000_000, currentYear: 0 }, optedForDestinationTaxation: true, iossRegistered: false },
      },
      'OSS',
      [0],
    ],
    ["the tax date is Berlin's: 23:30 UTC on 30 June 2020 is 1 July in Germany", { at: new Date('2020-06-30T23:30:00Z') }, 'DOMESTIC', [1600, 500]],
  ])('%s', (_label, changes, scheme, rates) => {
    const quote = ok(changes);
    expect(quote.vat.scheme).toBe(scheme);
    expect(quote.lines.map((line) => line.rateBp)).toEqual(rates);
    expect(quote.totals.grandTotal).toBe(quote.totals.itemsTotal + quote.totals.taxTotal + quote.totals.shippingTotal);
  });

  it.each<[string, Partial<QuoteRequest>, string, string]>([
    [
      'an unknown SKU, naming the line',
      {
        lines: [
          { sku: 'TSH-ORG-M', quantity: 1 },
          { sku: 'NOPE', quantity: 1 },
        ],
      },
      'lines.1.sku',
      'UNKNOWN_SKU',
    ],
    ['a draft product', { lines: [{ sku: 'DRAFT-1', quantity: 1 }] }, 'lines.0.sku', 'UNKNOWN_SKU'],
    ['a retired product', { lines: [{ sku: 'OLD-1', quantity: 1 }] }, 'lines.0.sku', 'SKU_RETIRED'],
    ['a product without a price in the list', { lines: [{ sku: 'FISH-1', quantity: 1 }] }, 'lines.0.sku', 'PRICE_NOT_FOUND'],
    ['a date no list covers', { at: new Date('2019-06-01T00:00:00Z') }, 'currency', 'PRICE_NOT_FOUND'],
    ['a currency no list prices in', { currency: 'USD' }, 'currency', 'PRICE_NOT_FOUND'],
    ['the Canary Islands', { destination: { country: 'ES', postalCode: '35001' } }, 'destination.postalCode', 'VAT_NOT_DETERMINED'],
    ['a destination outside the region', { destination: { country: 'US' } }, 'destination.country', 'INVALID'],
    ['a consumer with a VAT ID', { vatIdCountry: 'FR' }, 'vatId', 'INVALID'],
    [
      'a German VAT ID for a supply abroad',
      { destination: { country: 'AT' }, customerType: 'BUSINESS', vatIdCountry: 'DE' },
      'customer.vatId',
      'VAT_NOT_DETERMINED',
    ],
    ['an unknown region', { region: 'xx' }, 'region', 'INVALID'],
  ])('refuses %s', (_label, changes, field, code) => {
    expect(computeQuote(catalogue, request(changes))).toEqual({ ok: false, problems: [{ field: field.split('.'), code, message: expect.any(String) }] });
  });

  it('names every bad line at once', () => {
    const result = computeQuote(
      catalogue,
      request({
        lines: [
          { sku: 'NOPE', quantity: 1 },
          { sku: 'TSH-ORG-M', quantity: 1 },
          { sku: 'OLD-1', quantity: 1 },
        ],
      }),
    );
    expect(result.ok ? [] : result.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['lines.0.sku', 'UNKNOWN_SKU'],
      ['lines.2.sku', 'SKU_RETIRED'],
    ]);
  });

  it('names every problem of a cart at once: destination, VAT ID and each bad line', () => {
    const result = computeQuote(
      catalogue,
      request({
        destination: { country: 'US' },
        vatIdCountry: 'FR',
        lines: [
          { sku: 'TSH-ORG-M', quantity: 1 },
          { sku: 'NOPE', quantity: 1 },
          { sku: 'FISH-1', quantity: 1 },
        ],
      }),
    );
    expect(result.ok ? [] : result.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['destination.country', 'INVALID'],
      ['vatId', 'INVALID'],
      ['lines.1.sku', 'UNKNOWN_SKU'],
      ['lines.2.sku', 'PRICE_NOT_FOUND'],
    ]);
  });

  it('names the bad lines beside a missing price list, and a tax problem beside bad lines', () => {
    const noList = computeQuote(catalogue, request({ currency: 'USD', lines: [{ sku: 'OLD-1', quantity: 1 }] }));
    expect(noList.ok ? [] : noList.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['currency', 'PRICE_NOT_FOUND'],
      ['lines.0.sku', 'SKU_RETIRED'],
    ]);
    const canary = computeQuote(catalogue, request({ destination: { country: 'ES', postalCode: '35001' }, lines: [{ sku: 'NOPE', quantity: 1 }] }));
    expect(canary.ok ? [] : canary.problems.map((p) => [p.field.join('.'), p.code])).toEqual([
      ['lines.0.sku', 'UNKNOWN_SKU'],
      ['destination.postalCode', 'VAT_NOT_DETERMINED'],
    ]);
  });

  it("gives CN lines their return terms from the product, and China's VAT", () => {
    const quote = ok({
      region: 'cn',
      currency: 'CNY',
      destination: { country: 'CN' },
      lines: [
        { sku: 'TSH-ORG-M', quantity: 1 },
        { sku: 'FISH-1', quantity: 1 },
        { sku: 'NEWS-1', quantity: 1 },
      ],
    });
    expect(quote.lines.map((line) => [line.rateBp, line.cnReturnTerms?.noReasonReturn, line.cnReturnTerms?.exclusion])).toEqual([
      [1300, true, null],
      [900, false, 'FRESH_PERISHABLE'],
      [900, false, 'NEWSPAPER_PERIODICAL'],
    ]);
    expect(quote.taxDate).toBe('2026-03-10');
  });

  it.each([
    ['a small order to Thailand: cash on delivery offered', [{ sku: 'TSH-ORG-M', quantity: 1 }], true],
    ['an order above ฿10,000: pay up front', [{ sku: 'SOFA-1', quantity: 1 }], false],
  ])('%s', (_label, lines, available) => {
    const quote = ok({ region: 'sea', channel: 'MOBILE_APP', currency: 'THB', destination: { country: 'TH' }, lines });
    expect(quote.cashOnDelivery).toEqual({ available, limit: 1_000_000 });
    expect(quote.lines[0]!.rateBp).toBe(700);
  });
});

describe('shippingFee', () => {
  const item = (weightGrams: number, side = 300) => ({ weightGrams, lengthMm: side, widthMm: 200, heightMm: 100, category: 'HOME' as const });
  it.each<[string, Array<[ReturnType<typeof item>, number]>, number, number]>([
    ['one light parcel', [[item(180), 1]], 1000, 495],
    ['2.2 kg: two started kilograms beyond the first', [[item(1100), 2]], 1000, 695],
    ['free from the threshold', [[item(180), 1]], 10_000, 0],
    ['a bulky item pays its surcharge even when shipping is free', [[item(45_000, 2100), 1]], 50_000, 2500],
    [
      'two bulky items and a light one below the threshold',
      [
        [item(40_000), 2],
        [item(100), 1],
      ],
      1000,
      495 + 80 * 100 + 2 * 2500,
    ],
  ])('%s', (_label, lines, goodsNet, fee) => {
    expect(
      shippingFee(
        shipping,
        goodsNet,
        lines.map(([product, quantity]) => ({ product, quantity })),
      ),
    ).toBe(fee);
  });

  it('charges nothing for downloads only', () => {
    expect(shippingFee(shipping, 100, [{ product: { ...item(0), category: 'DIGITAL_CONTENT' }, quantity: 1 }])).toBe(0);
  });
});

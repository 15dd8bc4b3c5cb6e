import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startCatalogue, type CatalogueApp } from '@hub/catalogue/app';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { readDeEnv } from '../src/env.js';
import { createDeRegion } from '../src/region.js';
import { deEnvSource } from './de-test-kit.js';

/**
 * A quote and the DE order placed from the same cart agree to the cent: the VAT regime, lines at the product's tax
 * class, shipping with VAT following the goods, totals, and the VAT recorded for the invoice. Real catalogue and
 * region-de over HTTP. Cross-border carts too: the quote asks region-de for its running cross-border sales (the OSS
 * threshold), so a cart that crosses EUR 10,000, and every one after, is quoted under the OSS as it is ordered.
 */
const scope = createTestScope('de_quote_property');
let catalogue: CatalogueApp;
let region: RegionApp;
let customer: string;

const PRODUCTS = [
  { sku: 'D-BOOK', category: 'BOOKS', euTaxClass: 'REDUCED', weightGrams: 450, size: [240, 170, 30], price: 1_250 },
  { sku: 'D-SHIRT', category: 'APPAREL', euTaxClass: 'STANDARD', weightGrams: 180, size: [300, 250, 20], price: 1_999 },
  { sku: 'D-NEWS', category: 'NEWSPAPERS_PERIODICALS', euTaxClass: 'ZERO', weightGrams: 120, size: [300, 230, 10], price: 333 },
  { sku: 'D-COFFEE', category: 'GROCERY', euTaxClass: 'REDUCED', weightGrams: 1_000, size: [200, 100, 80], price: 1_499 },
  { sku: 'D-SOFA', category: 'FURNITURE', euTaxClass: 'STANDARD', weightGrams: 45_000, size: [2_100, 900, 800], price: 79_900 },
] as const;

const QUOTE = `query($input: QuoteInput!) { quote(input: $input) { quote { vatScheme taxCountry totals { grandTotal taxTotal } shipping { net tax }
  lines { sku quantity unitPrice unitTax } } userErrors { code field } } }`;
const PLACE = `mutation($input: PlaceDeOrderInput!) { deOrderPlace(input: $input) { order { id de { grandTotal vat { scheme taxCountry netTotal vatTotal
  lines { lineNo net vat } } } } userErrors { code field } } }`;

/** Cross-border sales region-de made elsewhere this year: EUR 9,950, so a few more cross the EUR 10,000 threshold. */
const SALES_ELSEWHERE_CENTS = 995_000;
const ADDRESSES = {
  DE: { street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin' },
  AT: { street: 'Stephansplatz', houseNumber: '1', postalCode: '1010', city: 'Wien' },
  FR: { street: 'Rue de Rivoli', houseNumber: '99', postalCode: '75001', city: 'Paris' },
  IT: { street: 'Via del Corso', houseNumber: '10', postalCode: '00186', city: 'Roma' },
} as const;
type Destination = keyof typeof ADDRESSES;
type Line = { sku: string; quantity: number };

beforeAll(async () => {
  catalogue = await startCatalogue({ ...scope.env, PORT: 0 });
  region = await startRegion(createDeRegion(), readDeEnv(deEnvSource(scope, { DE_DISTANCE_SALES_CURRENT_YEAR_CENTS: String(SALES_ELSEWHERE_CENTS) })));
  const manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  customer = await scope.token({ subject: 'cust-de-property', role: 'customer', regions: ['de'] });
  for (const {
    sku,
    size: [lengthMm, widthMm, heightMm],
    price: _price,
    ...facts
  } of PRODUCTS) {
    const upserted = await postGraphQL(
      catalogue.url,
      `mutation($input: ProductInput!) { productUpsert(input: $input) { userErrors { code field } } }`,
      {
        input: {
          sku,
          names: [
            { locale: 'en', value: sku },
            { locale: 'de', value: sku },
          ],
          lengthMm,
          widthMm,
          heightMm,
          ...facts,
        },
      },
      manager,
    );
    expect(upserted.data.productUpsert.userErrors).toEqual([]);
  }
  const created = await postGraphQL(
    catalogue.url,
    `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { userErrors { code field } } }`,
    {
      input: {
        id: 'de-web-eur',
        region: 'de',
        channel: 'WEB',
        currency: 'EUR',
        validFrom: '2026-01-01T00:00:00Z',
        shipping: { baseFee: 495, perKgFee: 100, bulkySurcharge: 4_900, freeFrom: 10_000 },
        prices: PRODUCTS.map(({ sku, price }) => ({ sku, unitPrice: price })),
      },
    },
    manager,
  );
  expect(created.data.priceListCreate.userErrors).toEqual([]);
  await region.catalogue.whenAt((await catalogue.deps.reader.current()).version);
}, 60_000);

afterAll(async () => {
  await region?.close();
  await catalogue?.close();
  await scope.dispose();
});

const cartArbitrary = fc.array(fc.record({ sku: fc.constantFrom(...PRODUCTS.map((p) => p.sku), 'D-UNKNOWN'), quantity: fc.integer({ min: 1, max: 8 }) }), {
  minLength: 1,
  maxLength: 5,
});

async function quoteAndPlace(lines: readonly Line[], destination: Destination) {
  const { postalCode } = ADDRESSES[destination];
  const quoted = (
    await postGraphQL(
      catalogue.url,
      QUOTE,
      { input: { region: 'de', channel: 'WEB', currency: 'EUR', destination: { country: destination, postalCode }, lines } },
      customer,
    )
  ).data.quote;
  const placed = (
    await postGraphQL(
      region.url,
      PLACE,
      {
        input: {
          idempotencyKey: randomUUID(),
          lines,
          customer: { name: 'Anna Schmidt', email: 'anna@example.de' },
          shippingAddress: { recipientName: 'Anna Schmidt', country: destination, ...ADDRESSES[destination] },
        },
      },
      customer,
    )
  ).data.deOrderPlace;
  return { quoted, placed };
}

/** The order agrees with its quote to the cent, regime included; refusals name the same fields. Returns the regime. */
function expectAgreement({ quoted, placed }: Awaited<ReturnType<typeof quoteAndPlace>>): string | null {
  if (quoted.userErrors.length > 0) {
    expect(placed.userErrors).toEqual(quoted.userErrors);
    return null;
  }
  const { quote } = quoted;
  expect(placed.userErrors).toEqual([]);
  expect(placed.order.de.grandTotal).toBe(quote.totals.grandTotal);
  expect(placed.order.de.vat).toEqual({
    scheme: quote.vatScheme === 'DOMESTIC_SALE' ? 'DOMESTIC' : quote.vatScheme,
    taxCountry: quote.taxCountry,
    netTotal: quote.totals.grandTotal - quote.totals.taxTotal - quote.shipping.tax,
    vatTotal: quote.totals.taxTotal + quote.shipping.tax,
    lines: quote.lines.map((line: { quantity: number; unitPrice: number; unitTax: number }, index: number) => ({
      lineNo: index + 1,
      net: line.quantity * line.unitPrice,
      vat: line.quantity * line.unitTax,
    })),
  });
  return placed.order.de.vat.scheme;
}

it('quotes a cross-border cart under the regime its order takes, before, across and past the OSS threshold', async () => {
  // EUR 9,950 + 12.50 of goods stays within EUR 10,000: German VAT.
  expect(expectAgreement(await quoteAndPlace([{ sku: 'D-BOOK', quantity: 1 }], 'AT'))).toBe('DISTANCE_SALE_DE_VAT');
  // A sofa takes the year's sales over EUR 10,000: from this sale on, the destination's VAT through the OSS.
  expect(expectAgreement(await quoteAndPlace([{ sku: 'D-SOFA', quantity: 1 }], 'FR'))).toBe('OSS');
  // Past the threshold, even a small cart is taxed at its destination, in the quote as in the order.
  expect(expectAgreement(await quoteAndPlace([{ sku: 'D-BOOK', quantity: 1 }], 'AT'))).toBe('OSS');
}, 60_000);

it('quotes and places the same cart to the same cent, at home and abroad, and refuses what the quote refuses', async () => {
  const regimes: string[] = [];
  await fc.assert(
    fc.asyncProperty(cartArbitrary, fc.constantFrom<Destination>('DE', 'AT', 'FR', 'IT'), async (lines, destination) => {
      const regime = expectAgreement(await quoteAndPlace(lines, destination));
      if (regime) regimes.push(regime);
    }),
    { numRuns: 30 },
  );
  expect(regimes.length).toBeGreaterThan(5);
  // Past the threshold (the test before crossed it), every cross-border consumer sale is taxed through the OSS.
  expect(regimes).toContain('OSS');
  expect(regimes.every((regime) => regime === 'DOMESTIC' || regime === 'OSS')).toBe(true);
}, 300_000);

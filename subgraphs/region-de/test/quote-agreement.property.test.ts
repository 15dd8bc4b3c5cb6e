import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { createCatalogueApp, type CatalogueApp } from '@hub/catalogue/app';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { readDeEnv } from '../src/env.js';
import { createDeRegion } from '../src/region.js';
import { deEnvSource } from './de-test-kit.js';

/**
 * A quote and the DE order placed from the same cart agree to the cent: lines at the product's tax class, shipping
 * with VAT following the goods, totals, and the VAT recorded for the invoice. Real catalogue and region-de over HTTP.
 * Domestic carts only: the quote assumes no earlier cross-border sales, while region-de counts its own towards the
 * OSS threshold (so a cross-border order may rightly be taxed otherwise than a quote said).
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

const QUOTE = `query($input: QuoteInput!) { quote(input: $input) { quote { totals { grandTotal taxTotal } shipping { net tax } lines { sku quantity unitPrice unitTax } }
  userErrors { code field } } }`;
const PLACE = `mutation($input: PlaceDeOrderInput!) { deOrderPlace(input: $input) { order { id de { grandTotal vat { netTotal vatTotal lines { lineNo net vat } } } }
  userErrors { code field } } }`;

beforeAll(async () => {
  catalogue = await createCatalogueApp({ ...scope.env, PORT: 0 });
  region = await startRegion(createDeRegion(), readDeEnv(deEnvSource(scope)));
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
  await region.catalogue.whenAt((await catalogue.reader.current()).version);
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

it('quotes and places the same cart to the same cent, and refuses what the quote refuses', async () => {
  let placedOrders = 0;
  await fc.assert(
    fc.asyncProperty(cartArbitrary, async (lines) => {
      const quoted = (
        await postGraphQL(
          catalogue.url,
          QUOTE,
          {
            input: {
              region: 'de',
              channel: 'WEB',
              currency: 'EUR',
              destination: { country: 'DE', postalCode: '10115' },
              lines,
            },
          },
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
              shippingAddress: {
                recipientName: 'Anna Schmidt',
                street: 'Invalidenstraße',
                houseNumber: '116',
                postalCode: '10115',
                city: 'Berlin',
                country: 'DE',
              },
            },
          },
          customer,
        )
      ).data.deOrderPlace;
      if (quoted.userErrors.length > 0) {
        expect(placed.userErrors).toEqual([quoted.userErrors[0]]);
        return;
      }
      const { quote } = quoted;
      expect(placed.userErrors).toEqual([]);
      placedOrders += 1;
      expect(placed.order.de.grandTotal).toBe(quote.totals.grandTotal);
      expect(placed.order.de.vat).toEqual({
        netTotal: quote.totals.grandTotal - quote.totals.taxTotal - quote.shipping.tax,
        vatTotal: quote.totals.taxTotal + quote.shipping.tax,
        lines: quote.lines.map((line: { quantity: number; unitPrice: number; unitTax: number }, index: number) => ({
          lineNo: index + 1,
          net: line.quantity * line.unitPrice,
          vat: line.quantity * line.unitTax,
        })),
      });
    }),
    { numRuns: 30 },
  );
  expect(placedOrders).toBeGreaterThan(5);
}, 300_000);

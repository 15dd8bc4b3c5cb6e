import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { startCatalogue, type CatalogueApp } from '@hub/catalogue/app';
import { readRegionEnv, startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { publishTestRuleSet, testRuleSet } from '@hub/shared/testing/test-rule-sets';
import { seaRegion } from '../src/region.js';

/**
 * The property the checkout relies on: a quote and the order placed from the same cart agree to the minor unit
 * (lines, totals, whether cash on delivery is taken), and a cart the quote refuses is refused the same way at
 * placement. Real catalogue and region-sea over HTTP; the region prices from its replica of the catalogue. Order
 * rules' promotions are active (a percentage off, a flat discount, a gift), so discounts, the VAT they remove and
 * gift lines must agree too, and each names the rule version that gave it on both sides.
 */
const scope = createTestScope('sea_quote_property');
let catalogue: CatalogueApp;
let region: RegionApp;
let customer: string;

/** Goods of every kind that changes the price: tax class, weight (per-kilogram shipping), bulk (surcharge). */
const PRODUCTS = [
  { sku: 'P-BOOK', category: 'BOOKS', euTaxClass: 'REDUCED', weightGrams: 450, size: [240, 170, 30], base: 1_250 },
  { sku: 'P-TSHIRT', category: 'APPAREL', euTaxClass: 'STANDARD', weightGrams: 180, size: [300, 250, 20], base: 1_999 },
  { sku: 'P-RICE', category: 'GROCERY', euTaxClass: 'REDUCED', weightGrams: 5_000, size: [400, 250, 120], base: 899 },
  { sku: 'P-FISH', category: 'FRESH_FOOD', euTaxClass: 'REDUCED', weightGrams: 700, size: [250, 180, 100], base: 2_333, cnReturnClass: 'FRESH_PERISHABLE' },
  { sku: 'P-PHONE', category: 'ELECTRONICS', euTaxClass: 'STANDARD', weightGrams: 300, size: [160, 80, 10], base: 39_999 },
  { sku: 'P-SOFA', category: 'FURNITURE', euTaxClass: 'STANDARD', weightGrams: 45_000, size: [2_100, 900, 800], base: 79_900 },
] as const;

/** Each country with an address that passes region-sea's checks, and its currency's scale against a 100-based price. */
const COUNTRIES = [
  { country: 'ID', currency: 'IDR', factor: 170, postalCode: '10110', phone: '0812-3456-7890' },
  { country: 'TH', currency: 'THB', factor: 35, postalCode: '10110', phone: '081 234 5678' },
  { country: 'MY', currency: 'MYR', factor: 4.6, postalCode: '50450', phone: '012-345 6789' },
  { country: 'PH', currency: 'PHP', factor: 57, postalCode: '1000', phone: '0917 123 4567' },
  { country: 'VN', currency: 'VND', factor: 260, postalCode: '100000', phone: '0912 345 678' },
  { country: 'SG', currency: 'SGD', factor: 1.4, postalCode: '018956', phone: '8123 4567' },
] as const;

const PROMOTION_FIELDS = 'kind ruleSet version ruleId label amount sku';
const QUOTE = `query($input: QuoteInput!) { quote(input: $input) {
  quote { currency totals { grandTotal discountTotal } cashOnDelivery { available } promotions { ${PROMOTION_FIELDS} }
    lines { sku quantity unitPrice unitTax discount discountTax giftDeclaredValue } } userErrors { code field } } }`;
const PLACE = `mutation($input: SeaQuickOrderInput!) { seaQuickOrderPlace(input: $input) {
  order { id sea { grandTotal currency catalogueVersion priceListId promotionsApplied { ${PROMOTION_FIELDS} } } } confirmation { total } userErrors { code field } } }`;

/** Promotions as marketing would publish them through order-rules: they stack in rule-set then priority order. */
const rulesOf = (ruleSet: string, module: 'PRICING' | 'GIFT', rules: Array<{ id: string; condition: string; value: string; message: string }>) =>
  testRuleSet({ region: 'sea', ruleSet, module, version: 2, rules });
const PROMOTIONS = [
  rulesOf('sea-mega-sale', 'PRICING', [
    { id: 'ten-percent', condition: 'order.lines.size() >= 2', value: 'order.itemsTotal / 10', message: '10 % off two lines or more' },
    { id: 'book-lovers', condition: 'order.lines.exists(l, l.category == "BOOKS")', value: '150', message: 'Book lovers: 150 off' },
  ]),
  rulesOf('sea-gifts', 'GIFT', [
    { id: 'tote-for-big-baskets', condition: 'pricing.payableTotal >= order.shippingTotal * 20', value: '"P-BOOK"', message: 'A free book with big baskets' },
  ]),
];

/** Resolves once both the catalogue's and the region's copies of the rules applied every promotion. */
const applied = new Set<string>();
let allApplied: () => void = () => undefined;
const promotionsHeld = new Promise<void>((resolve) => (allApplied = resolve));
const recordApplied = (holder: string) => (publication: RuleSetPublication) => {
  applied.add(`${holder}:${publication.ruleSet}`);
  if (applied.size === PROMOTIONS.length * 2) allApplied();
};

beforeAll(async () => {
  catalogue = await startCatalogue({ ...scope.env, PORT: 0 }, { onRulesApplied: recordApplied('catalogue') });
  region = await startRegion(seaRegion, readRegionEnv(seaRegion, { ...stringsOf(scope.env), PORT: '0', COMMAND_RETRY_MAX_MS: '1000' }), {
    onRulesApplied: recordApplied('region'),
  });
  for (const publication of PROMOTIONS) await publishTestRuleSet(scope.env, publication);
  let bound: NodeJS.Timeout | undefined;
  // The bound is cleared once the promotions are held: left running it kept jest from exiting for 30 s after the suite.
  await Promise.race([
    promotionsHeld,
    new Promise((_resolve, reject) => {
      bound = setTimeout(() => reject(new Error(`promotions applied only by ${[...applied].join(', ') || 'nobody'}`)), 30_000);
    }),
  ]).finally(() => clearTimeout(bound));
  const manager = await scope.token({ subject: 'cat-manager', role: 'catalogue_manager', regions: [] });
  customer = await scope.token({ subject: 'cust-property', role: 'customer', regions: ['sea'] });
  for (const {
    sku,
    size: [lengthMm, widthMm, heightMm],
    base: _base,
    ...facts
  } of PRODUCTS) {
    const upserted = await postGraphQL(
      catalogue.url,
      `mutation($input: ProductInput!) { productUpsert(input: $input) { userErrors { code field } } }`,
      { input: { sku, names: [{ locale: 'en', value: sku }], lengthMm, widthMm, heightMm, ...facts } },
      manager,
    );
    expect(upserted.data.productUpsert.userErrors).toEqual([]);
  }
  for (const { currency, factor } of COUNTRIES) {
    const scale = (amount: number) => Math.max(1, Math.round(amount * factor));
    const created = await postGraphQL(
      catalogue.url,
      `mutation($input: CreatePriceListInput!) { priceListCreate(input: $input) { userErrors { code field } } }`,
      {
        input: {
          id: `sea-app-${currency.toLowerCase()}`,
          region: 'sea',
          channel: 'MOBILE_APP',
          currency,
          validFrom: '2026-01-01T00:00:00Z',
          shipping: { baseFee: scale(350), perKgFee: scale(90), bulkySurcharge: scale(4_900), freeFrom: scale(15_000) },
          prices: PRODUCTS.map(({ sku, base }) => ({ sku, unitPrice: scale(base) })),
        },
      },
      manager,
    );
    expect(created.data.priceListCreate.userErrors).toEqual([]);
  }
  await region.catalogue.whenAt((await catalogue.deps.reader.current()).version);
}, 60_000);

afterAll(async () => {
  await region?.close();
  await catalogue?.close();
  await scope.dispose();
});

const cartArbitrary = fc.record({
  destination: fc.constantFrom(...COUNTRIES),
  payment: fc.constantFrom('COD', 'CARD'),
  lines: fc.array(fc.record({ sku: fc.constantFrom(...PRODUCTS.map((p) => p.sku), 'P-UNKNOWN'), quantity: fc.integer({ min: 1, max: 6 }) }), {
    minLength: 1,
    maxLength: 4,
  }),
});

it('quotes and places the same cart to the same minor unit, and refuses what the quote refuses', async () => {
  const seen = { placed: 0, refused: 0, discounted: 0, gifted: 0 };
  await fc.assert(
    fc.asyncProperty(cartArbitrary, async ({ destination, payment, lines }) => {
      const quoted = (
        await postGraphQL(
          catalogue.url,
          QUOTE,
          {
            input: {
              region: 'sea',
              channel: 'MOBILE_APP',
              currency: destination.currency,
              destination: { country: destination.country, postalCode: destination.postalCode },
              lines,
            },
          },
          customer,
        )
      ).data.quote;
      const address = {
        recipientName: 'Nguyen Lan',
        recipientPhone: destination.phone,
        line1: '1 Main Road',
        city: 'Capital',
        province: 'Capital',
        postalCode: destination.postalCode,
        country: destination.country,
      };
      const placed = (await postGraphQL(region.url, PLACE, { input: { idempotencyKey: randomUUID(), lines, address, payment } }, customer)).data
        .seaQuickOrderPlace;

      if (quoted.userErrors.length > 0) {
        expect(placed.userErrors).toEqual(quoted.userErrors);
        seen.refused += 1;
        return;
      }
      const { quote } = quoted;
      if (payment === 'COD' && !quote.cashOnDelivery.available) {
        expect(placed.userErrors).toEqual([{ code: 'COD_LIMIT_EXCEEDED', field: ['input', 'payment'] }]);
        seen.refused += 1;
        return;
      }
      expect(placed.userErrors).toEqual([]);
      seen.placed += 1;
      expect(placed.confirmation.total).toBe(quote.totals.grandTotal);
      expect(placed.order.sea).toMatchObject({
        grandTotal: quote.totals.grandTotal,
        currency: quote.currency,
        priceListId: `sea-app-${quote.currency.toLowerCase()}`,
        promotionsApplied: quote.promotions,
      });
      if (quote.totals.discountTotal > 0) seen.discounted += 1;
      if (quote.promotions.some((promotion: { kind: string }) => promotion.kind === 'GIFT')) seen.gifted += 1;
      const [row] = await region.orm.em
        .fork()
        .getConnection()
        .execute<Array<{ lines: Array<Record<string, unknown>> }>>(
          `select registration_request->'lines' as lines from region_sea.regional_order where order_id = ?`,
          [placed.order.id],
        );
      const asQuoted = row!.lines.map(({ sku, quantity, unitPrice, unitTax, discount, discountTax, attributes }) => ({
        sku,
        quantity,
        unitPrice,
        unitTax,
        discount: discount ?? 0,
        discountTax: discountTax ?? 0,
        giftDeclaredValue: (attributes as Record<string, unknown>).declaredValue ?? null,
      }));
      expect(asQuoted).toEqual(quote.lines);
    }),
    { numRuns: 40 },
  );
  // Both sides of the property were exercised, not only refusals.
  expect(seen.placed).toBeGreaterThan(5);
  expect(seen.refused).toBeGreaterThan(0);
  expect(seen.discounted).toBeGreaterThan(0);
  expect(seen.gifted).toBeGreaterThan(0);
}, 300_000);

function stringsOf(env: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

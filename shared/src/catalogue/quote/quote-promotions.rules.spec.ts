import { calculateTotals } from '../../money/order-totals.js';
import { indexCatalogue } from '../snapshot.js';
import { aPriceList, aProduct } from '../testing/fixtures.js';
import { applyDiscounts, applyPromotions, type PromotedQuote, type PromotionDiscount, type PromotionGift } from './quote-promotions.rules.js';
import { computeQuote, type QuoteRequest } from './quote.rules.js';

const catalogue = indexCatalogue({
  version: 7,
  takenAt: '2026-03-01T00:00:00Z',
  products: [
    aProduct(),
    aProduct({ sku: 'BOOK-1', names: { en: 'A novel' }, category: 'BOOKS', euTaxClass: 'REDUCED', weightGrams: 400 }),
    aProduct({ sku: 'TOTE-1', names: { en: 'Tote bag' }, category: 'APPAREL', weightGrams: 100 }),
    aProduct({ sku: 'GONE-1', status: 'RETIRED' }),
  ],
  priceLists: [
    aPriceList({
      id: 'de-2026',
      shipping: { baseFee: 495, perKgFee: 100, bulkySurcharge: 2500, freeFrom: 10_000 },
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 1999 },
        { sku: 'BOOK-1', unitPrice: 1500 },
        { sku: 'TOTE-1', unitPrice: 800 },
        { sku: 'GONE-1', unitPrice: 100 },
      ],
    }),
  ],
});

const request: QuoteRequest = {
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
};
const quoted = computeQuote(catalogue, request);
if (!quoted.ok) throw new Error(JSON.stringify(quoted.problems));
const quote = quoted.quote;

const discount = (amount: number, ruleId = 'spring'): PromotionDiscount => ({ ruleSet: 'promo', version: 3, ruleId, label: `${ruleId} sale`, amount });
const gift = (sku: string): PromotionGift => ({ sku, ruleSet: 'gifts', version: 1, ruleId: `gift-${sku}`, label: 'Free gift' });

/** What core recomputes from the lines it is sent: must equal the quote to the minor unit. */
const coreTotalsOf = (promoted: PromotedQuote) => calculateTotals(promoted.lines, promoted.totals.shippingTotal, promoted.totals.discountTotal);

describe('applyDiscounts', () => {
  // TSH 2 × 1999 at 19 % (net 3998, VAT 760) and BOOK 1500 at 7 % (VAT 105).
  it.each([
    ['no discount', [], [0, 0], [0, 0]],
    ['one discount split by net', [discount(1100)], [800, 300], [152, 21]],
    ['two discounts stack in order', [discount(1100), discount(550, 'extra')], [1200, 450], [228, 32]],
    ['a discount above the items is capped at them', [discount(999_999)], [3998, 1500], [760, 105]],
    ['a negative discount is ignored', [discount(-500)], [0, 0], [0, 0]],
  ])('%s', (_name, discounts, shares, taxShares) => {
    const lines = applyDiscounts(quote.lines, discounts);
    expect(lines.map((line) => line.discount)).toEqual(shares);
    expect(lines.map((line) => line.discountTax)).toEqual(taxShares);
    lines.forEach((line, index) => {
      const before = quote.lines[index]!;
      expect(line.net).toBe(before.net - line.discount);
      expect(line.tax).toBe(before.tax - line.discountTax);
      expect(line.tax).toBeGreaterThanOrEqual(0);
    });
  });

  it('never takes more VAT off a line than it bore (per-unit rounding left it less than the VAT on its share)', () => {
    // 1 cent at 19 %: unit VAT rounds to 0, so ten of them bear no VAT; a 5 cent discount cannot remove 1 cent of it.
    const [line] = applyDiscounts([{ ...quote.lines[0]!, quantity: 10, unitPrice: 1, unitTax: 0, net: 10, tax: 0 }], [discount(5)]);
    expect(line).toMatchObject({ discount: 5, discountTax: 0, net: 5, tax: 0 });
  });
});

describe('applyPromotions', () => {
  it('leaves a quote without promotions as it was', () => {
    const { quote: promoted } = applyPromotions(catalogue, quote, [], []);
    expect(promoted.totals).toEqual(quote.totals);
    expect(promoted.shipping).toEqual(quote.shipping);
    expect(promoted.promotions).toEqual([]);
  });

  it('lowers the VAT base: VAT on the discounted goods, shipping VAT split by the discounted nets, exact totals', () => {
    const { quote: promoted } = applyPromotions(catalogue, quote, [discount(1100)], []);
    // Goods: net 5498 − 1100; VAT 865 − 173; shipping 495 + 100 g over 1 kg → 595 net (below the free threshold at list prices).
    expect(promoted.totals).toEqual({
      itemsTotal: 5498,
      discountTotal: 1100,
      taxTotal: 692,
      shippingTotal: quote.shipping.net + promoted.shipping.tax,
      grandTotal: expect.any(Number),
    });
    expect(promoted.totals.grandTotal).toBe(5498 - 1100 + 692 + promoted.totals.shippingTotal);
    expect(promoted.shipping.parts.map((part) => part.net)).toEqual([
      Math.round((quote.shipping.net * 3198) / (3198 + 1200)),
      quote.shipping.net - Math.round((quote.shipping.net * 3198) / (3198 + 1200)),
    ]);
    expect(promoted.promotions).toEqual([{ kind: 'DISCOUNT', ruleSet: 'promo', version: 3, ruleId: 'spring', label: 'spring sale', amount: 1100, sku: null }]);
    expect(promoted.discounts).toEqual([{ code: 'promo/spring', amount: 1100 }]);
    expect(coreTotalsOf(promoted)).toEqual(promoted.totals);
  });

  it('binds gifts as zero-price lines declaring their gross catalogue price; unknown or retired SKUs are skipped', () => {
    const { quote: promoted, giftsSkipped } = applyPromotions(catalogue, quote, [], [gift('TOTE-1'), gift('NOPE'), gift('GONE-1')]);
    expect(giftsSkipped).toEqual(['NOPE', 'GONE-1']);
    const giftLine = promoted.lines[2]!;
    expect(giftLine).toMatchObject({ lineNo: 3, sku: 'TOTE-1', quantity: 1, unitPrice: 0, unitTax: 0, net: 0, tax: 0, gift: { declaredValue: 800 + 152 } });
    expect(giftLine.attributes).toMatchObject({ gift: true, declaredValue: 952, giftRule: 'gifts/gift-TOTE-1@1' });
    expect(promoted.totals).toEqual(quote.totals);
    expect(promoted.promotions).toEqual([
      { kind: 'GIFT', ruleSet: 'gifts', version: 1, ruleId: 'gift-TOTE-1', label: 'Free gift', amount: 952, sku: 'TOTE-1' },
    ]);
  });

  it('recomputes cash-on-delivery availability on the discounted total', () => {
    const limited = { ...quote, cashOnDelivery: { available: false, limit: quote.totals.grandTotal - 1 } };
    expect(applyPromotions(catalogue, limited, [discount(100)], []).quote.cashOnDelivery.available).toBe(true);
  });
});

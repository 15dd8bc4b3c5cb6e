import { indexCatalogue } from '../../catalogue/snapshot.js';
import { aPriceList, aProduct } from '../../catalogue/testing/fixtures.js';
import { calculateTotals } from '../../money/order-totals.js';
import { StaticRuleBook } from '../../rules/domain/rule-book.js';
import type { RuleModule } from '../../rules/domain/rule-modules.js';
import type { RuleSetPublication } from '../../rules/domain/rule.js';
import { applyPromotionRules, decideHold, orderContextOf } from './placement-order-rules.js';
import { priceOrder, type PricedOrder } from './placement-pricing.rules.js';

const at = new Date('2026-11-11T00:05:00Z');
const catalogue = indexCatalogue({
  version: 3,
  takenAt: '2026-11-01T00:00:00Z',
  products: [aProduct(), aProduct({ sku: 'TOTE-1', names: { en: 'Tote bag' }, weightGrams: 100 })],
  priceLists: [
    aPriceList({
      prices: [
        { sku: 'TSH-ORG-M', unitPrice: 1999 },
        { sku: 'TOTE-1', unitPrice: 800 },
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
  at,
};
const line = (quantity: number) => ({ sku: 'TSH-ORG-M', quantity, unitPrice: null, unitTax: null, attributes: {} });
const priced = (quantity: number, clientDiscount = 0): PricedOrder => {
  const result = priceOrder(catalogue, cart, { lines: [line(quantity)], shippingTotal: null, discountTotal: clientDiscount });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.order;
};
const contextOf = (order: PricedOrder) =>
  orderContextOf({
    region: 'de',
    channel: 'WEB',
    customerType: 'CONSUMER',
    originCountry: 'DE',
    destinationCountry: 'DE',
    paymentTerms: 'PREPAID',
    priced: order,
  });

const ruleSet = (key: string, module: RuleModule, condition: string, value: string): RuleSetPublication => ({
  ruleSet: key,
  module,
  scope: { region: 'de', channel: null, customerSegment: null },
  publication: 1,
  publishedAt: at.toISOString(),
  versions: [
    {
      version: 4,
      effectiveFrom: '2026-11-01T00:00:00Z',
      effectiveTo: null,
      rules: [{ id: `${key}-rule`, description: '', condition, value, message: key, priority: 1 }],
    },
  ],
});
const TEN_OFF = ruleSet('ten-off', 'PRICING', 'order.itemsTotal >= 5000', '1000');
const TOTE = ruleSet('tote', 'GIFT', 'pricing.discountTotal > 0', '"TOTE-1"');
const REVIEW = ruleSet('review', 'HOLD', 'pricing.payableTotal > 10000', '2');

describe('applyPromotionRules', () => {
  it.each([
    // 3 × 19.99 € = 59.97 € net: the 10 € discount applies, so does the tote bound to discounted orders.
    ['discount and gift', [TEN_OFF, TOTE], 3, 0, { discount: 1000, discountTax: 190, skus: ['TSH-ORG-M', 'TOTE-1'], promotions: ['ten-off', 'tote'] }],
    ['below the threshold: nothing', [TEN_OFF, TOTE], 2, 0, { discount: 0, discountTax: 0, skus: ['TSH-ORG-M'], promotions: [] }],
    ['no rules: the order as priced', [], 3, 0, { discount: 0, discountTax: 0, skus: ['TSH-ORG-M'], promotions: [] }],
    ['a client discount stays beside the promotion', [TEN_OFF], 3, 100, { discount: 1000, discountTax: 190, skus: ['TSH-ORG-M'], promotions: ['ten-off'] }],
  ] as const)('%s', (_case, publications, quantity, clientDiscount, expected) => {
    const before = priced(quantity, clientDiscount);
    const { priced: after, promotions } = applyPromotionRules(StaticRuleBook.of([...publications]), catalogue, before, contextOf(before));
    expect(after.lines.map((l) => l.sku)).toEqual(expected.skus);
    expect(after.lines[0]!.discount ?? 0).toBe(expected.discount);
    expect(after.lines[0]!.discountTax ?? 0).toBe(expected.discountTax);
    expect(promotions.map((p) => p.ruleSet)).toEqual(expected.promotions);
    expect(after.discountTotal).toBe(clientDiscount + expected.discount);
    // What core recomputes from the lines is what the quote and the region charge.
    expect(calculateTotals(after.lines, after.shippingTotal, after.discountTotal).grandTotal).toBe(after.grandTotal);
    expect(after.grandTotal).toBe(after.quote.totals.grandTotal - clientDiscount);
    expect(after.pricedWith.promotions ?? []).toEqual(promotions);
  });
});

describe('decideHold', () => {
  it.each([
    ['above the value: two approvals', 6, { levels: 2, reasons: [{ ruleSet: 'review', version: 4, ruleId: 'review-rule', message: 'review' }] }],
    ['below it: not held', 3, null],
  ] as const)('%s', (_case, quantity, expected) => {
    const order = priced(quantity);
    expect(decideHold(StaticRuleBook.of([REVIEW]), contextOf(order), order, at).hold).toEqual(expected);
  });
});

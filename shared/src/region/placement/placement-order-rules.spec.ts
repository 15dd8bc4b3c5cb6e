import { StaticRuleBook } from '../../rules/domain/rule-book.js';
import type { RuleSetPublication } from '../../rules/domain/rule.js';
import { applyValidationRules, orderContextOf, OrderRuleRefusedError } from './placement-order-rules.js';
import type { PricedOrder } from './placement-pricing.rules.js';

const at = new Date('2026-06-01T00:00:00Z');
const priced = {
  currency: 'EUR',
  shippingTotal: 595,
  grandTotal: 4_165,
  discountTotal: 0,
  lines: [],
  pricedWith: { catalogueVersion: 1, priceListId: 'de-web-eur', priceListVersion: 1 },
  quote: {
    totals: { itemsTotal: 3_000 },
    lines: [
      { sku: 'ELEC-1', quantity: 1, unitPrice: 2_000, attributes: { category: 'ELECTRONICS', hazardous: true } },
      { sku: 'BOOK-1', quantity: 2, unitPrice: 500, attributes: { category: 'BOOKS', hazardous: false } },
    ],
  },
} as unknown as PricedOrder;
const context = (destinationCountry: string, customerType: 'CONSUMER' | 'BUSINESS' = 'CONSUMER') =>
  orderContextOf({ region: 'de', channel: 'WEB', customerType, originCountry: 'DE', destinationCountry, paymentTerms: 'PREPAID', priced });

const validation = (condition: string, region: string | null = 'de'): RuleSetPublication => ({
  ruleSet: 'compliance',
  module: 'VALIDATION',
  scope: { region, channel: null, customerSegment: null },
  publication: 4,
  publishedAt: at.toISOString(),
  versions: [
    {
      version: 2,
      effectiveFrom: '2026-01-01T00:00:00Z',
      effectiveTo: null,
      rules: [{ id: 'check', description: '', condition, message: 'Batteries may not cross this border.', code: 'BATTERY_EXPORT', priority: 1 }],
    },
  ],
});
const BATTERIES_ABROAD = 'order.originCountry != order.destinationCountry && order.lines.exists(l, l.hazardous && l.category == "ELECTRONICS")';

describe('orderContextOf', () => {
  it('takes the facts rules read from the priced order, the customer as a segment only', () => {
    expect(context('FR', 'BUSINESS')).toEqual({
      region: 'de',
      channel: 'WEB',
      currency: 'EUR',
      customerSegment: 'b2b',
      originCountry: 'DE',
      destinationCountry: 'FR',
      paymentTerms: 'PREPAID',
      itemsTotal: 3_000,
      shippingTotal: 595,
      grandTotal: 4_165,
      lines: [
        { sku: 'ELEC-1', quantity: 1, unitPrice: 2_000, category: 'ELECTRONICS', hazardous: true },
        { sku: 'BOOK-1', quantity: 2, unitPrice: 500, category: 'BOOKS', hazardous: false },
      ],
    });
    expect(context('FR').customerSegment).toBe('consumer');
  });
});

describe('applyValidationRules', () => {
  it.each([
    ['no rule set held', [], 'FR', { handledWith: [] }],
    ['a rule that does not match', [validation(BATTERIES_ABROAD)], 'DE', { handledWith: [{ ruleSet: 'compliance', version: 2, publication: 4 }] }],
    ['a rule set of another region', [validation(BATTERIES_ABROAD, 'cn')], 'FR', { handledWith: [] }],
    ['a matching rule', [validation(BATTERIES_ABROAD)], 'FR', { refused: 'ORDER_RULE_REFUSED', message: 'Batteries may not cross this border.' }],
    [
      'a rule that fails at run time (fail closed)',
      [validation('order.itemsTotal / (order.shippingTotal - order.shippingTotal) > 1')],
      'FR',
      { refused: 'RULE_EVALUATION_FAILED', message: expect.stringContaining('could not be evaluated') },
    ],
  ] as const)('%s', (_case, publications, destination, expected) => {
    const book = StaticRuleBook.of([...publications]);
    const run = () => applyValidationRules(book, context(destination), at);
    if ('handledWith' in expected) {
      expect(run()).toEqual(expected.handledWith);
      return;
    }
    let error: unknown;
    try {
      run();
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(OrderRuleRefusedError);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', message: expected.message, details: { rule: expected.refused, ruleSet: 'compliance', version: 2 } });
  });
});

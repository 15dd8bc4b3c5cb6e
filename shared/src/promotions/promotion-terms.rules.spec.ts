import { StaticRuleBook } from '../rules/domain/rule-book.js';
import type { OrderContext } from '../rules/domain/order-context.js';
import type { RuleDefinition, RuleSetPublication } from '../rules/domain/rule.js';
import type { RuleModule } from '../rules/domain/rule-modules.js';
import { evaluatePointsRules, evaluatePresaleRules } from './promotion-terms.rules.js';

const order: OrderContext = {
  region: 'cn',
  channel: 'WEB',
  currency: 'CNY',
  customerSegment: 'consumer',
  originCountry: 'CN',
  destinationCountry: 'CN',
  paymentTerms: 'PREPAID',
  itemsTotal: 100_000,
  shippingTotal: 0,
  grandTotal: 113_000,
  lines: [{ sku: 'PHONE-1', quantity: 1, unitPrice: 100_000, category: 'ELECTRONICS', hazardous: false }],
};
const pricing = { discountTotal: 0, payableTotal: 113_000 };
const at = new Date('2026-11-01T00:00:00Z');
const OPENS = Date.parse('2026-11-11T00:00:00Z') / 1000;
const CLOSES = Date.parse('2026-11-12T00:00:00Z') / 1000;

type TermRule = Partial<RuleDefinition> & { target: string; value: string };
const bookOf = (module: RuleModule, rules: TermRule[]) => StaticRuleBook.of(rules.length === 0 ? [] : [publicationOf(module, rules)]);
const publicationOf = (module: RuleModule, rules: TermRule[], ruleSet = `${module.toLowerCase()}-set`): RuleSetPublication => ({
  ruleSet,
  module,
  scope: { region: 'cn', channel: null, customerSegment: null },
  publication: 1,
  publishedAt: '2026-01-01T00:00:00Z',
  versions: [
    {
      version: 3,
      effectiveFrom: '2026-01-01T00:00:00Z',
      effectiveTo: null,
      rules: rules.map((rule, index) => ({ id: `r${index}`, description: '', condition: 'true', message: 'm', priority: index, ...rule })),
    },
  ],
});

const window = [
  { target: 'FINAL_OPENS_AT', value: String(OPENS) },
  { target: 'FINAL_CLOSES_AT', value: String(CLOSES) },
];

describe('evaluatePresaleRules', () => {
  it.each([
    ['no rule', [], 'NONE', null],
    ['a zero deposit is no presale', [{ target: 'DEPOSIT', value: '0' }, ...window], 'NONE', null],
    [
      'deposit 100 counts as 300, two reminders largest first',
      [
        { target: 'DEPOSIT', value: '10000' },
        { target: 'COUNTS_AS', value: '30000' },
        ...window,
        { target: 'REMIND_BEFORE_MINUTES', value: '120' },
        { target: 'REMIND_BEFORE_MINUTES', value: '1440' },
      ],
      'PRESALE',
      { deposit: 10_000, countsAs: 30_000, remindBeforeMinutes: [1440, 120] },
    ],
    ['without COUNTS_AS the deposit counts for itself', [{ target: 'DEPOSIT', value: '10000' }, ...window], 'PRESALE', { deposit: 10_000, countsAs: 10_000 }],
    [
      'the first matching rule per term wins',
      [{ target: 'DEPOSIT', value: '10000' }, { target: 'DEPOSIT', value: '1' }, { target: 'COUNTS_AS', value: '20000', condition: 'false' }, ...window],
      'PRESALE',
      { deposit: 10_000, countsAs: 10_000 },
    ],
    ['an expansion below the deposit is refused', [{ target: 'DEPOSIT', value: '10000' }, { target: 'COUNTS_AS', value: '5000' }, ...window], 'INVALID', null],
    ['no window is refused', [{ target: 'DEPOSIT', value: '10000' }], 'INVALID', null],
    [
      'a window that closed is refused',
      [
        { target: 'DEPOSIT', value: '10000' },
        { target: 'FINAL_OPENS_AT', value: '1' },
        { target: 'FINAL_CLOSES_AT', value: '2' },
      ],
      'INVALID',
      null,
    ],
    ['a rule failing at run time refuses', [{ target: 'DEPOSIT', value: '10000 / (order.shippingTotal)' }, ...window], 'INVALID', null],
  ])('%s', (_name, rules, kind, expected) => {
    const decision = evaluatePresaleRules(StaticRuleBook.of(rules.length === 0 ? [] : [publicationOf('PRESALE', rules)]), order, pricing, at);
    expect(decision.kind).toBe(kind);
    if (expected && decision.kind === 'PRESALE') {
      expect(decision.terms).toMatchObject({ ...expected, finalOpensAt: '2026-11-11T00:00:00.000Z', finalClosesAt: '2026-11-12T00:00:00.000Z', version: 3 });
    }
    if (kind !== 'NONE') expect(decision.handledWith).toEqual([{ ruleSet: 'presale-set', version: 3, publication: 1 }]);
  });
});

it('takes every presale term from the rule set whose deposit applies, never mixing two campaigns', () => {
  const other = publicationOf(
    'PRESALE',
    [
      { target: 'FINAL_OPENS_AT', value: '100' },
      { target: 'FINAL_CLOSES_AT', value: '200' },
      { target: 'REMIND_BEFORE_MINUTES', value: '5' },
    ],
    'a-other',
  );
  const campaign = publicationOf('PRESALE', [{ target: 'DEPOSIT', value: '10000' }, ...window, { target: 'REMIND_BEFORE_MINUTES', value: '60' }], 'b-campaign');
  const decision = evaluatePresaleRules(StaticRuleBook.of([other, campaign]), order, pricing, at);
  expect(decision).toMatchObject({ kind: 'PRESALE', terms: { ruleSet: 'b-campaign', finalOpensAt: '2026-11-11T00:00:00.000Z', remindBeforeMinutes: [60] } });
});

describe('evaluatePointsRules', () => {
  it.each([
    ['no rule: nothing earned or spent, no cap', [], { earnPer100: null, pointValue: null, spendCapBp: 10_000 }],
    [
      'all three terms',
      [
        { target: 'EARN_PER_100', value: '1' },
        { target: 'POINT_VALUE', value: '1' },
        { target: 'SPEND_CAP_BP', value: '2000' },
      ],
      { earnPer100: 1, pointValue: 1, spendCapBp: 2_000 },
    ],
    ['a negative value switches the term off', [{ target: 'POINT_VALUE', value: '-5' }], { earnPer100: null, pointValue: null, spendCapBp: 10_000 }],
    ['a cap beyond 100 % is 100 %', [{ target: 'SPEND_CAP_BP', value: '50000' }], { earnPer100: null, pointValue: null, spendCapBp: 10_000 }],
    [
      'a condition over the pricing outcome',
      [{ target: 'EARN_PER_100', value: '2', condition: 'pricing.payableTotal > 100000' }],
      { earnPer100: 2, pointValue: null, spendCapBp: 10_000 },
    ],
  ])('%s', (_name, rules, policy) => {
    expect(evaluatePointsRules(bookOf('POINTS', rules), order, pricing, at).policy).toEqual(policy);
  });
});

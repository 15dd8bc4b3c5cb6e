import { StaticRuleBook } from '@hub/shared/rules/domain/rule-book';
import type { OrderContext } from '@hub/shared/rules/domain/order-context';
import type { RuleDefinition, RuleSetPublication } from '@hub/shared/rules/domain/rule';
import type { RuleModule } from '@hub/shared/rules/domain/rule-modules';
import { changedAspects, outcomeOf, type OutcomeAspect, type OutcomeSummary } from './outcome-diff.js';

const order: OrderContext = {
  region: 'cn',
  channel: 'WEB',
  currency: 'CNY',
  customerSegment: '',
  originCountry: '',
  destinationCountry: '',
  paymentTerms: '',
  itemsTotal: 100_000,
  shippingTotal: 0,
  grandTotal: 100_000,
  lines: [{ sku: 'PHONE-1', quantity: 1, unitPrice: 100_000, category: 'ELECTRONICS', hazardous: false }],
};
const placedAt = new Date('2026-11-01T00:00:00Z');
const epoch = (iso: string) => String(Date.parse(iso) / 1000);

type RuleSpec = Partial<RuleDefinition>;
const publicationOf = (module: RuleModule, rules: RuleSpec[]): RuleSetPublication => ({
  ruleSet: `draft-${module.toLowerCase()}`,
  module,
  scope: { region: 'cn', channel: null, customerSegment: null },
  publication: 1,
  publishedAt: '2026-01-01T00:00:00Z',
  versions: [
    {
      version: 1,
      effectiveFrom: '2026-01-01T00:00:00Z',
      effectiveTo: null,
      rules: rules.map((rule, index) => ({ id: `r${index}`, description: '', condition: 'true', message: 'm', priority: index, ...rule })),
    },
  ],
});

describe('outcomeOf + changedAspects: what a draft of each module changes about a past order', () => {
  it.each<[string, RuleModule, RuleSpec[], OutcomeAspect[], Partial<OutcomeSummary>]>([
    ['a refusal', 'VALIDATION', [{ code: 'TOO_BIG', condition: 'order.grandTotal > 50000' }], ['REFUSAL'], { refusalCodes: ['TOO_BIG'] }],
    ['a discount', 'PRICING', [{ value: '5000' }], ['PRICE'], { discountTotal: 5_000, payableTotal: 95_000 }],
    ['a gift', 'GIFT', [{ value: '"GIFT-1"' }], ['GIFT'], { gifts: ['GIFT-1'] }],
    [
      'a presale deposit and its expansion',
      'PRESALE',
      [
        { target: 'DEPOSIT', value: '10000' },
        { target: 'COUNTS_AS', value: '30000' },
        { target: 'FINAL_OPENS_AT', value: epoch('2026-11-11T00:00:00Z') },
        { target: 'FINAL_CLOSES_AT', value: epoch('2026-11-12T00:00:00Z') },
        { target: 'REMIND_BEFORE_MINUTES', value: '120' },
      ],
      ['PAYMENT'],
      {
        payment: {
          deposit: 10_000,
          expansion: 20_000,
          finalDue: 70_000,
          finalOpensAt: new Date('2026-11-11T00:00:00Z'),
          finalClosesAt: new Date('2026-11-12T00:00:00Z'),
          remindBeforeMinutes: [120],
          pointValue: null,
          maxPoints: 0,
          pointsToEarn: 0,
        },
      },
    ],
    [
      'a presale without a window refuses',
      'PRESALE',
      [{ target: 'DEPOSIT', value: '10000' }],
      ['REFUSAL'],
      { refusalCodes: ['PRESALE_TERMS_INVALID'], payment: null },
    ],
    [
      'a points cap',
      'POINTS',
      [
        { target: 'POINT_VALUE', value: '1' },
        { target: 'SPEND_CAP_BP', value: '2000' },
        { target: 'EARN_PER_100', value: '1' },
      ],
      ['PAYMENT'],
      { payment: expect.objectContaining({ pointValue: 1, maxPoints: 20_000, pointsToEarn: 1_000, finalDue: 100_000 }) },
    ],
    ['a hold for review', 'HOLD', [{ value: '2' }], ['HOLD'], { holdLevels: 2 }],
    ['a longer reservation', 'INVENTORY_LOCK', [{ value: '90' }], ['INVENTORY_LOCK'], { holdMinutes: 90, shortagePolicy: null }],
    ['a shortage policy', 'INVENTORY_LOCK', [{ value: '30', target: 'REFUSE' }], ['INVENTORY_LOCK'], { holdMinutes: 30, shortagePolicy: 'REFUSE' }],
    [
      'allocation weights',
      'ALLOCATION_WEIGHTS',
      [
        { target: 'time', value: '40.0' },
        { target: 'cost', value: '0.5' },
      ],
      ['ALLOCATION'],
      {
        allocationWeights: [
          { criterion: 'cost', weight: 0.5 },
          { criterion: 'time', weight: 40 },
        ],
      },
    ],
    ['an invoice template', 'INVOICE', [{ value: '"fapiao-b2c"' }], ['INVOICE'], { invoiceTemplate: 'fapiao-b2c' }],
    ['a suppressed notice', 'NOTIFICATION', [{ value: '"DELAY_WARNING"', target: 'SUPPRESS' }], ['NOTIFICATION'], { noticesSuppressed: ['DELAY_WARNING'] }],
    ['an urgent notice', 'NOTIFICATION', [{ value: '"DELAY_WARNING"', target: 'URGENT' }], ['NOTIFICATION'], { noticesUrgent: ['DELAY_WARNING'] }],
    ['a rule that matches no order changes nothing', 'HOLD', [{ value: '1', condition: 'order.grandTotal > 1000000' }], [], {}],
  ])('%s', (_label, module, rules, aspects, changed) => {
    const before = outcomeOf(StaticRuleBook.of([]), order, placedAt);
    const after = outcomeOf(StaticRuleBook.of([publicationOf(module, rules)]), order, placedAt);
    expect(changedAspects(before, after)).toEqual(aspects);
    expect(after).toEqual({ ...before, ...changed });
  });

  it('lists several aspects in pipeline order, and none between an outcome and itself', () => {
    const before = outcomeOf(StaticRuleBook.of([]), order, placedAt);
    const after: OutcomeSummary = { ...before, noticesUrgent: ['JOURNEY_STEP'], refusalCodes: ['X'], holdLevels: 1 };
    expect(changedAspects(before, after)).toEqual(['REFUSAL', 'HOLD', 'NOTIFICATION']);
    expect(changedAspects(after, after)).toEqual([]);
  });
});

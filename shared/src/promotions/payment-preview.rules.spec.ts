import { StaticRuleBook } from '../rules/domain/rule-book.js';
import type { OrderContext } from '../rules/domain/order-context.js';
import type { RuleDefinition, RuleSetPublication } from '../rules/domain/rule.js';
import type { RuleModule } from '../rules/domain/rule-modules.js';
import { previewPayment } from './payment-preview.rules.js';

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
  grandTotal: 100_000,
  lines: [{ sku: 'PHONE-1', quantity: 1, unitPrice: 100_000, category: 'ELECTRONICS', hazardous: false }],
};
const at = new Date('2026-11-01T00:00:00Z');
const OPENS = Date.parse('2026-11-11T00:00:00Z') / 1000;
const CLOSES = Date.parse('2026-11-12T00:00:00Z') / 1000;

type TermRule = { target: string; value: string; condition?: string };
const publicationOf = (module: RuleModule, rules: TermRule[]): RuleSetPublication => ({
  ruleSet: `${module.toLowerCase()}-set`,
  module,
  scope: { region: 'cn', channel: null, customerSegment: null },
  publication: 1,
  publishedAt: '2026-01-01T00:00:00Z',
  versions: [
    {
      version: 2,
      effectiveFrom: '2026-01-01T00:00:00Z',
      effectiveTo: null,
      rules: rules.map((rule, index): RuleDefinition => ({ id: `r${index}`, description: '', condition: 'true', message: 'm', priority: index, ...rule })),
    },
  ],
});
const presale = (deposit: number, countsAs: number, window = true): TermRule[] => [
  { target: 'DEPOSIT', value: String(deposit) },
  { target: 'COUNTS_AS', value: String(countsAs) },
  ...(window
    ? [
        { target: 'FINAL_OPENS_AT', value: String(OPENS) },
        { target: 'FINAL_CLOSES_AT', value: String(CLOSES) },
        { target: 'REMIND_BEFORE_MINUTES', value: '60' },
      ]
    : []),
];
const points = (pointValue: number, capBp: number, earnPer100 = 0): TermRule[] => [
  { target: 'POINT_VALUE', value: String(pointValue) },
  { target: 'SPEND_CAP_BP', value: String(capBp) },
  ...(earnPer100 > 0 ? [{ target: 'EARN_PER_100', value: String(earnPer100) }] : []),
];

describe('previewPayment: the presale and points stacking a dry-run compares', () => {
  it.each<[string, TermRule[], TermRule[], number, object]>([
    ['no presale or points rule', [], [], 0, { kind: 'NONE' }],
    ['a presale rule that does not match', [{ ...presale(10_000, 30_000)[0]!, condition: 'order.grandTotal > 1000000' }], [], 0, { kind: 'NONE' }],
    [
      'deposit 100 counts as 300',
      presale(10_000, 30_000),
      [],
      0,
      {
        kind: 'PLANNED',
        deposit: 10_000,
        expansion: 20_000,
        finalDue: 70_000,
        finalOpensAt: '2026-11-11T00:00:00.000Z',
        finalClosesAt: '2026-11-12T00:00:00.000Z',
        remindBeforeMinutes: [60],
        pointValue: null,
        maxPoints: 0,
        pointsToEarn: 0,
      },
    ],
    [
      'the points cap reads what remains after the expansion',
      presale(10_000, 30_000),
      points(2, 1_000),
      0,
      { kind: 'PLANNED', finalDue: 70_000, pointValue: 2, maxPoints: 3_500 },
    ],
    [
      'points alone, on the discounted payable',
      [],
      points(1, 5_000, 3),
      20_000,
      { kind: 'PLANNED', deposit: 0, finalDue: 80_000, maxPoints: 40_000, pointsToEarn: 2_400 },
    ],
    ['a deposit without a window is refused', presale(10_000, 30_000, false), [], 0, { kind: 'REFUSED', code: 'PRESALE_TERMS_INVALID' }],
  ])('%s', (_label, presaleRules, pointsRules, discountTotal, expected) => {
    const book = StaticRuleBook.of([
      ...(presaleRules.length > 0 ? [publicationOf('PRESALE', presaleRules)] : []),
      ...(pointsRules.length > 0 ? [publicationOf('POINTS', pointsRules)] : []),
    ]);
    const preview = previewPayment(book, order, { discountTotal, payableTotal: order.grandTotal - discountTotal }, at);
    expect(preview).toMatchObject(expected);
    expect(preview.handledWith.map((used) => used.ruleSet)).toEqual([
      ...(presaleRules.length > 0 ? ['presale-set'] : []),
      ...(pointsRules.length > 0 ? ['points-set'] : []),
    ]);
  });
});

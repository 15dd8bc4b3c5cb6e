import { StaticRuleBook } from './rule-book.js';
import {
  evaluateAllocationWeights,
  evaluateGiftRules,
  evaluateHoldRules,
  evaluateInventoryLockRules,
  evaluateNotificationRules,
  evaluateOrderRules,
  evaluatePricingRules,
  evaluateValidationRules,
} from './rule-evaluation.js';
import type { OrderContext } from './order-context.js';
import type { RuleDefinition, RuleSetPublication } from './rule.js';

const order = (changes: Partial<OrderContext> = {}): OrderContext => ({
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  customerSegment: 'consumer',
  originCountry: 'DE',
  destinationCountry: 'DE',
  paymentTerms: 'PREPAID',
  itemsTotal: 10_000,
  shippingTotal: 500,
  grandTotal: 10_500,
  lines: [{ sku: 'BATT-1', quantity: 2, unitPrice: 5_000, category: 'ELECTRONICS', hazardous: true }],
  ...changes,
});
const rule = (changes: Partial<RuleDefinition>): RuleDefinition => ({ id: 'r', description: '', condition: 'true', message: 'm', priority: 0, ...changes });
const publication = (changes: Partial<RuleSetPublication>): RuleSetPublication => ({
  ruleSet: 'set',
  module: 'VALIDATION',
  scope: { region: null, channel: null, customerSegment: null },
  publication: 1,
  publishedAt: '2026-01-01T00:00:00Z',
  versions: [{ version: 1, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, rules: [] }],
  ...changes,
});
const at = new Date('2026-06-01T00:00:00Z');
const crossBorderBatteries = rule({
  id: 'eu-battery',
  code: 'CROSS_BORDER_BATTERY',
  message: 'Lithium batteries cannot ship across borders.',
  condition: 'order.originCountry != order.destinationCountry && order.lines.exists(l, l.hazardous)',
});

describe('evaluateValidationRules', () => {
  const book = StaticRuleBook.of([
    publication({ ruleSet: 'compliance', versions: [{ version: 3, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, rules: [crossBorderBatteries] }] }),
  ]);

  it.each<[string, Partial<OrderContext>, string[]]>([
    ['a domestic order with batteries passes', {}, []],
    ['a cross-border order with batteries is refused', { destinationCountry: 'FR' }, ['CROSS_BORDER_BATTERY']],
    [
      'a cross-border order without batteries passes',
      { destinationCountry: 'FR', lines: [{ sku: 'B', quantity: 1, unitPrice: 100, category: 'BOOKS', hazardous: false }] },
      [],
    ],
  ])('%s', (_label, changes, codes) => {
    const outcome = evaluateValidationRules(book, order(changes), at);
    expect(outcome.refusals.map((refusal) => refusal.code)).toEqual(codes);
    expect(outcome.accepted).toBe(codes.length === 0);
    expect(outcome.handledWith).toEqual([{ ruleSet: 'compliance', version: 3, publication: 1 }]);
  });

  it.each<[string, RuleSetPublication['scope'], string, string[]]>([
    ['before its period', { region: null, channel: null, customerSegment: null }, '2025-12-31T23:59:59Z', []],
    ["another region's rule set", { region: 'cn', channel: null, customerSegment: null }, '2026-06-01T00:00:00Z', []],
    ["another segment's rule set", { region: 'de', channel: null, customerSegment: 'b2b' }, '2026-06-01T00:00:00Z', []],
    ['this region and segment', { region: 'de', channel: 'WEB', customerSegment: 'consumer' }, '2026-06-01T00:00:00Z', ['always']],
  ])('applies only in force and in scope: %s', (_label, scope, instant, versions) => {
    const scoped = StaticRuleBook.of([
      publication({
        ruleSet: 'always',
        scope,
        versions: [{ version: 1, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, rules: [rule({ code: 'NO' })] }],
      }),
    ]);
    expect(evaluateValidationRules(scoped, order(), new Date(instant)).handledWith.map((used) => used.ruleSet)).toEqual(versions);
  });

  it('refuses when a rule breaks at run time rather than letting the order pass', () => {
    const broken = StaticRuleBook.of([
      publication({
        versions: [
          {
            version: 1,
            effectiveFrom: '2026-01-01T00:00:00Z',
            effectiveTo: null,
            rules: [rule({ code: 'BROKEN', condition: 'order.itemsTotal / (order.shippingTotal - 500) > 1' })],
          },
        ],
      }),
    ]);
    expect(evaluateValidationRules(broken, order(), at).refusals).toEqual([expect.objectContaining({ code: 'RULE_EVALUATION_FAILED', ruleId: 'r' })]);
  });
});

describe('evaluatePricingRules: stacking and caps', () => {
  it.each<[string, Array<[string, number, string]>, number, number[]]>([
    ['one discount', [['ten-off', 0, '1000']], 1_000, [1_000]],
    [
      'two discounts stack in priority order',
      [
        ['b', 2, '3000'],
        ['a', 1, 'order.itemsTotal / 10'],
      ],
      4_000,
      [1_000, 3_000],
    ],
    [
      'discounts are capped at the items total',
      [
        ['a', 1, '8000'],
        ['b', 2, '5000'],
      ],
      10_000,
      [8_000, 2_000],
    ],
    ['a negative discount is ignored', [['a', 1, '-500']], 0, []],
  ])('%s', (_label, rules, discount, amounts) => {
    const book = StaticRuleBook.of([
      publication({
        module: 'PRICING',
        versions: [
          { version: 1, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, rules: rules.map(([id, priority, value]) => rule({ id, priority, value })) },
        ],
      }),
    ]);
    const outcome = evaluatePricingRules(book, order(), at);
    expect(outcome.discountTotal).toBe(discount);
    expect(outcome.payableTotal).toBe(10_500 - discount);
    expect(outcome.adjustments.map((adjustment) => adjustment.amount)).toEqual(amounts);
  });
});

describe('modules after pricing', () => {
  const book = StaticRuleBook.of([
    publication({
      ruleSet: 'holds',
      module: 'INVENTORY_LOCK',
      versions: [
        {
          version: 1,
          effectiveFrom: '2026-01-01T00:00:00Z',
          effectiveTo: null,
          rules: [rule({ id: 'short', value: '15' }), rule({ id: 'presale', condition: 'pricing.discountTotal > 0', value: '120' })],
        },
      ],
    }),
    publication({
      ruleSet: 'weights',
      module: 'ALLOCATION_WEIGHTS',
      versions: [
        {
          version: 1,
          effectiveFrom: '2026-01-01T00:00:00Z',
          effectiveTo: null,
          rules: [
            rule({ id: 'a', target: 'distance', value: '2.0', priority: 1 }),
            rule({ id: 'b', target: 'distance', value: '9.0', priority: 2 }),
            rule({ id: 'c', target: 'cost', value: '0.5' }),
          ],
        },
      ],
    }),
  ]);

  it.each([
    [0, 15],
    [100, 120],
  ])('holds stock the longest matching time (discount %i → %i minutes)', (discountTotal, minutes) => {
    expect(evaluateInventoryLockRules(book, order(), { discountTotal, payableTotal: 10_500 - discountTotal }, at).holdMinutes).toBe(minutes);
  });

  it.each<[string, number, number, string[]]>([
    ['a small order is not held', 5_000, 0, []],
    ['a large order needs one approval', 60_000, 1, ['large']],
    ['a very large order needs two levels, the highest asked', 600_000, 2, ['large', 'very-large']],
  ])('holds for review: %s', (_label, payableTotal, levels, rules) => {
    const holds = StaticRuleBook.of([
      publication({
        ruleSet: 'holds',
        module: 'HOLD',
        versions: [
          {
            version: 1,
            effectiveFrom: '2026-01-01T00:00:00Z',
            effectiveTo: null,
            rules: [
              rule({ id: 'large', condition: 'pricing.payableTotal > 50000', value: '1' }),
              rule({ id: 'very-large', condition: 'pricing.payableTotal > 500000', value: '2' }),
            ],
          },
        ],
      }),
    ]);
    const outcome = evaluateHoldRules(holds, order(), { discountTotal: 0, payableTotal }, at);
    expect([outcome.levels, outcome.reasons.map((reason) => reason.ruleId)]).toEqual([levels, rules]);
  });

  it.each<[string, number, string[]]>([
    ['a small order gets no gift', 1_000, []],
    ['a qualifying order gets each gift SKU once', 10_000, ['MUG-CER-01', 'TOTE-01']],
  ])('binds gifts: %s', (_label, payableTotal, skus) => {
    const gifts = StaticRuleBook.of([
      publication({
        ruleSet: 'gifts',
        module: 'GIFT',
        versions: [
          {
            version: 1,
            effectiveFrom: '2026-01-01T00:00:00Z',
            effectiveTo: null,
            rules: [
              rule({ id: 'mug', condition: 'pricing.payableTotal >= 5000', value: '"MUG-CER-01"', priority: 1 }),
              rule({ id: 'mug-again', condition: 'pricing.payableTotal >= 8000', value: '"MUG-CER-01"', priority: 2 }),
              rule({ id: 'tote', condition: 'pricing.payableTotal >= 8000', value: '"TOTE-01"', priority: 3 }),
            ],
          },
        ],
      }),
    ]);
    expect(evaluateGiftRules(gifts, order(), { discountTotal: 0, payableTotal }, at).gifts.map((gift) => gift.sku)).toEqual(skus);
  });

  it.each<[string, RuleDefinition[], { holdMinutes: number | null; onShortage: string | null }]>([
    ['no rule: the defaults', [rule({ id: 'never', condition: 'false', value: '5', target: 'REFUSE' })], { holdMinutes: null, onShortage: null }],
    ['minutes without a policy', [rule({ id: 'short', value: '15' })], { holdMinutes: 15, onShortage: null }],
    [
      'the first matching rule naming a policy sets it, the longest hold still wins',
      [
        rule({ id: 'a', value: '15', priority: 1 }),
        rule({ id: 'b', value: '30', target: 'REFUSE', priority: 2 }),
        rule({ id: 'c', value: '60', target: 'BACKORDER', priority: 3 }),
      ],
      { holdMinutes: 60, onShortage: 'REFUSE' },
    ],
    [
      'a b2b-only policy leaves consumers alone',
      [rule({ id: 'b2b', condition: 'order.customerSegment == "b2b"', value: '1440', target: 'BACKORDER' })],
      { holdMinutes: null, onShortage: null },
    ],
  ])('inventory lock: %s', (_label, rules, expected) => {
    const lock = StaticRuleBook.of([
      publication({ ruleSet: 'lock', module: 'INVENTORY_LOCK', versions: [{ version: 2, effectiveFrom: '2026-01-01T00:00:00Z', effectiveTo: null, rules }] }),
    ]);
    const outcome = evaluateInventoryLockRules(lock, order(), { discountTotal: 0, payableTotal: 10_500 }, at);
    expect({ holdMinutes: outcome.holdMinutes, onShortage: outcome.onShortage }).toEqual(expected);
    expect(outcome.handledWith).toEqual([{ ruleSet: 'lock', version: 2, publication: 1 }]);
  });

  it.each<[string, Partial<OrderContext>, { notices: string[]; suppressed: string[]; urgent: string[] }]>([
    ['a consumer gets the reminder, delays urgently', {}, { notices: ['final-payment-reminder'], suppressed: [], urgent: ['DELAY_WARNING'] }],
    [
      'b2b buyers get no journey steps; a suppression beats the urgent delay',
      { customerSegment: 'b2b' },
      { notices: ['final-payment-reminder'], suppressed: ['JOURNEY_STEP', 'DELAY_WARNING'], urgent: [] },
    ],
  ])('notifications: %s', (_label, changes, expected) => {
    const notices = StaticRuleBook.of([
      publication({
        ruleSet: 'notices',
        module: 'NOTIFICATION',
        versions: [
          {
            version: 1,
            effectiveFrom: '2026-01-01T00:00:00Z',
            effectiveTo: null,
            rules: [
              rule({ id: 'remind', value: '"final-payment-reminder"', priority: 1 }),
              rule({ id: 'b2b-quiet', condition: 'order.customerSegment == "b2b"', value: '"JOURNEY_STEP"', target: 'SUPPRESS', priority: 2 }),
              rule({ id: 'b2b-no-delay', condition: 'order.customerSegment == "b2b"', value: '"DELAY_WARNING"', target: 'SUPPRESS', priority: 3 }),
              rule({ id: 'delay-now', value: '"DELAY_WARNING"', target: 'URGENT', priority: 4 }),
            ],
          },
        ],
      }),
    ]);
    const { handledWith: _used, ...outcome } = evaluateNotificationRules(notices, order(changes), { discountTotal: 0, payableTotal: 10_500 }, at);
    expect(outcome).toEqual(expected);
  });

  it('takes the first weight per criterion', () => {
    expect(evaluateAllocationWeights(book, order(), { discountTotal: 0, payableTotal: 10_500 }, at).weights).toEqual({ distance: 2, cost: 0.5 });
  });

  it('evaluates the whole pipeline with no rules as a no-op', () => {
    const outcome = evaluateOrderRules(StaticRuleBook.of([]), order(), at);
    expect(outcome).toMatchObject({
      validation: { accepted: true },
      pricing: { discountTotal: 0, payableTotal: 10_500 },
      gift: { gifts: [] },
      hold: { levels: 0 },
      inventoryLock: { holdMinutes: null },
      invoice: { template: null },
    });
  });
});

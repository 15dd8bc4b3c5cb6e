import { StaticRuleBook } from '@hub/shared/rules/domain/rule-book';
import type { RuleDefinition } from '@hub/shared/rules/domain/rule';
import { DEFAULT_WEIGHTS } from './objective.js';
import { orderWeightsOf, type StoredRuleFacts } from './order-weights.js';

const facts = (customerSegment: string): StoredRuleFacts => ({
  currency: 'EUR',
  customerSegment,
  originCountry: 'DE',
  destinationCountry: 'DE',
  paymentTerms: 'PREPAID',
  itemsTotal: 5_000,
  shippingTotal: 500,
  grandTotal: 5_500,
  discountTotal: 0,
  payableTotal: 5_500,
  lines: [{ sku: 'TSHIRT-1', quantity: 1, unitPrice: 5_000, category: 'APPAREL', hazardous: false }],
  inventoryLock: { holdMinutes: null, onShortage: null, versions: [] },
});
const rule = (id: string, condition: string, target: string, value: string): RuleDefinition => ({
  id,
  description: '',
  condition,
  target,
  value,
  message: id,
  priority: 0,
});
const book = StaticRuleBook.of([
  {
    ruleSet: 'green-b2b',
    module: 'ALLOCATION_WEIGHTS',
    scope: { region: null, channel: 'MARKETPLACE', customerSegment: null },
    publication: 4,
    publishedAt: '2026-01-01T00:00:00Z',
    versions: [
      {
        version: 2,
        effectiveFrom: '2026-01-01T00:00:00Z',
        effectiveTo: null,
        rules: [rule('b2b-carbon', 'order.customerSegment == "b2b"', 'carbon', '400.0'), rule('everyone-splits', 'true', 'splitPenalty', '50.0')],
      },
    ],
  },
]);
const at = new Date('2026-06-01T00:00:00Z');

describe('orderWeightsOf', () => {
  it.each<[string, string, string, Partial<typeof DEFAULT_WEIGHTS> | null]>([
    ['another channel keeps its weights', 'WEB', 'b2b', null],
    ['the scoped channel, consumer: only the rule that matches', 'MARKETPLACE', 'consumer', { splitPenalty: 50 }],
    ['the scoped channel, b2b: both rules', 'MARKETPLACE', 'b2b', { carbon: 400, splitPenalty: 50 }],
  ])('%s', (_label, channel, segment, applied) => {
    const outcome = orderWeightsOf({ book, mayBeBehind: false }, { region: 'de', channel, facts: facts(segment) }, DEFAULT_WEIGHTS, at);
    expect(outcome.weights).toEqual({ ...DEFAULT_WEIGHTS, ...applied });
    expect(outcome.rules).toEqual(
      applied === null ? null : { applied, ignored: [], versions: [{ ruleSet: 'green-b2b', version: 2, publication: 4 }], mayBeBehind: false },
    );
  });

  it('keeps the channel weights for an order without facts or without a rule book', () => {
    expect(orderWeightsOf({ book, mayBeBehind: false }, { region: 'de', channel: 'MARKETPLACE', facts: null }, DEFAULT_WEIGHTS, at).rules).toBeNull();
    expect(orderWeightsOf(null, { region: 'de', channel: 'MARKETPLACE', facts: facts('b2b') }, DEFAULT_WEIGHTS, at).weights).toEqual(DEFAULT_WEIGHTS);
  });
});

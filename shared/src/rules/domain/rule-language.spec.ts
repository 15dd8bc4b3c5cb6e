import { checkRules, checkExpression } from './rule-language.js';
import type { RuleModule } from './rule-modules.js';
import type { RuleDefinition } from './rule.js';

const rule = (changes: Partial<RuleDefinition> = {}): RuleDefinition => ({
  id: 'r1',
  description: '',
  condition: 'order.grandTotal > 100',
  value: null,
  code: 'TOO_EXPENSIVE',
  target: null,
  message: 'Refused.',
  priority: 0,
  ...changes,
});

describe('checkExpression: what a rule may say, per module', () => {
  it.each<[string, RuleModule, string, 'bool' | 'int' | 'string', string | null, number | null]>([
    ['a well-typed condition', 'VALIDATION', 'order.destinationCountry != order.originCountry && order.lines.exists(l, l.hazardous)', 'bool', null, null],
    ['an unknown field, with its column', 'VALIDATION', 'order.destinationCuntry == "DE"', 'bool', 'RULE_TYPE_ERROR', 7],
    ['an unknown line field inside a macro', 'VALIDATION', 'order.lines.exists(l, l.weight > 3)', 'bool', 'RULE_TYPE_ERROR', 25],
    ['comparing money with a string', 'VALIDATION', 'order.grandTotal > "100"', 'bool', 'RULE_TYPE_ERROR', 1],
    ['a condition that is not a bool', 'VALIDATION', 'order.grandTotal', 'bool', 'RULE_TYPE_ERROR', 1],
    ['a syntax error', 'VALIDATION', 'order.grandTotal >', 'bool', 'RULE_SYNTAX_ERROR', 19],
    ['a validation rule reading the pricing outcome', 'VALIDATION', 'order.itemsTotal > 0 && pricing.discountTotal > 0', 'bool', 'RULE_MODULE_NOT_ALLOWED', 25],
    ['an invoice rule reading the pricing outcome', 'INVOICE', 'pricing.discountTotal > 0', 'bool', null, null],
    ['prototype access', 'VALIDATION', 'order.constructor == "x"', 'bool', 'RULE_TYPE_ERROR', 7],
    [
      'lines iterated inside lines',
      'VALIDATION',
      'order.lines.all(a, order.lines.all(b, a.sku == b.sku || a.quantity > 0))',
      'bool',
      'RULE_LIMIT_EXCEEDED',
      null,
    ],
    ['an expression over the length limit', 'VALIDATION', `order.region == "${'x'.repeat(1_000)}"`, 'bool', 'RULE_LIMIT_EXCEEDED', null],
    ['a discount of the right type', 'PRICING', 'order.itemsTotal / 10', 'int', null, null],
    ['a discount of the wrong type', 'PRICING', 'double(order.itemsTotal) * 0.1', 'int', 'RULE_TYPE_ERROR', 1],
  ])('%s', (_label, module, expression, type, code, column) => {
    const problems = checkExpression(module, expression, type, 'rules.0.condition');
    if (code === null) {
      expect(problems).toEqual([]);
      return;
    }
    expect(problems).toEqual([expect.objectContaining({ code, field: 'rules.0.condition' })]);
    if (column !== null) expect(problems[0]!.position).toEqual({ offset: column - 1, line: 1, column });
  });
});

describe('checkRules: a version as a whole', () => {
  it.each<[string, RuleModule, RuleDefinition[], Array<[string, string]>]>([
    ['a clean validation rule', 'VALIDATION', [rule()], []],
    ['no rules', 'VALIDATION', [], [['INVALID', 'rules']]],
    ['duplicate ids', 'VALIDATION', [rule(), rule()], [['INVALID', 'rules.1.id']]],
    ['a validation rule without a refusal code', 'VALIDATION', [rule({ code: null })], [['INVALID', 'rules.0.code']]],
    ['a pricing rule without a value', 'PRICING', [rule({ code: null })], [['INVALID', 'rules.0.value']]],
    ['a pricing rule with a bad value', 'PRICING', [rule({ value: 'order.nope' })], [['RULE_TYPE_ERROR', 'rules.0.value']]],
    ['an allocation rule without a criterion', 'ALLOCATION_WEIGHTS', [rule({ value: '2.0' })], [['INVALID', 'rules.0.target']]],
    ['an inventory-lock rule with an unknown shortage policy', 'INVENTORY_LOCK', [rule({ value: '30', target: 'WAITLIST' })], [['INVALID', 'rules.0.target']]],
    ['an inventory-lock rule refusing short orders', 'INVENTORY_LOCK', [rule({ value: '30', target: 'REFUSE' })], []],
    ['a notification rule with an unknown target', 'NOTIFICATION', [rule({ value: '"JOURNEY_STEP"', target: 'MAYBE' })], [['INVALID', 'rules.0.target']]],
    ['a notification rule suppressing a kind', 'NOTIFICATION', [rule({ value: '"JOURNEY_STEP"', target: 'SUPPRESS' })], []],
    ['too many rules', 'NOTIFICATION', Array.from({ length: 101 }, (_, i) => rule({ id: `r${i}`, value: '"x"' })), [['RULE_LIMIT_EXCEEDED', 'rules']]],
  ])('%s', (_label, module, rules, expected) => {
    expect(checkRules(module, rules).map((problem) => [problem.code, problem.field])).toEqual(expected);
  });
});

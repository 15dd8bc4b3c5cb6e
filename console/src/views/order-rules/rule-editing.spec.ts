import { describe, expect, it } from '@jest/globals';
import { diffLines, diffRuleVersions } from './rule-diff';
import { crossBorderRefusalRule, percentDiscountRule } from './rule-templates';

describe('diffLines', () => {
  it.each([
    ['a', 'a', [' a']],
    ['', 'a', ['+a']],
    ['a', '', ['-a']],
    ['a\nb\nc', 'a\nx\nc', [' a', '-b', '+x', ' c']],
    ['a\nb', 'a\nb\nc', [' a', ' b', '+c']],
  ])('%j → %j', (before, after, expected) => {
    const sign = { same: ' ', removed: '-', added: '+' } as const;
    expect(diffLines(before, after).map((line) => `${sign[line.kind]}${line.text}`)).toEqual(expected);
  });
});

describe('diffRuleVersions', () => {
  const rule = (key: string, condition: string) => ({ key, condition, message: 'm', priority: 0 });
  it.each([
    [[rule('a', 'true')], [rule('a', 'true')], [['a', 'unchanged']]],
    [[rule('a', 'true')], [rule('a', 'false')], [['a', 'changed']]],
    [[], [rule('a', 'true')], [['a', 'added']]],
    [[rule('a', 'true')], [], [['a', 'removed']]],
  ])('matches rules by key', (before, after, expected) => {
    expect(diffRuleVersions(before, after).map((diff) => [diff.key, diff.change])).toEqual(expected);
  });
});

describe('rule templates', () => {
  it.each([
    [{ thresholdMinor: 20000, percent: 5, region: '' }, 'order.itemsTotal >= 20000', 'order.itemsTotal * 5 / 100'],
    [{ thresholdMinor: 100, percent: 150, region: 'de' }, 'order.itemsTotal >= 100\n&& order.region == "de"', 'order.itemsTotal * 100 / 100'],
  ])('percent discount %j', (form, condition, value) => {
    expect(percentDiscountRule(form)).toMatchObject({ condition, value });
  });

  it.each([
    [true, 'order.originCountry != order.destinationCountry\n&& order.lines.exists(l, l.category == "ELECTRONICS" && l.hazardous)'],
    [false, 'order.originCountry != order.destinationCountry\n&& order.lines.exists(l, l.category == "ELECTRONICS")'],
  ])('cross-border refusal, hazardous only: %s', (hazardousOnly, condition) => {
    expect(crossBorderRefusalRule({ category: 'ELECTRONICS', hazardousOnly, code: 'NO_EXPORT', message: 'No' })).toMatchObject({
      condition,
      code: 'NO_EXPORT',
    });
  });
});

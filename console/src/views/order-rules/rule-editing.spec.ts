import { describe, expect, it } from '@jest/globals';
import { diffLines, diffRuleVersions } from './rule-diff';
import { crossBorderRefusalRule, giftRule, percentDiscountRule, pointsRules, presaleRules } from './rule-templates';

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

describe('presale and points templates', () => {
  it('writes one presale rule per term under one condition, reminders largest first', () => {
    const rules = presaleRules({
      sku: 'TEA-LJ-250',
      depositMinor: 5000,
      countsAsMinor: 8000,
      finalOpensAt: '2026-12-10T00:00:00.000Z',
      finalClosesAt: '2026-12-12T00:00:00.000Z',
      remindBeforeMinutes: [60, 1440, 60, 0],
    });
    expect(rules.map((rule) => [rule.key, rule.target, rule.value])).toEqual([
      ['presale-tea-lj-250-deposit', 'DEPOSIT', '5000'],
      ['presale-tea-lj-250-counts-as', 'COUNTS_AS', '8000'],
      ['presale-tea-lj-250-final-opens-at', 'FINAL_OPENS_AT', '1796860800'],
      ['presale-tea-lj-250-final-closes-at', 'FINAL_CLOSES_AT', '1797033600'],
      ['presale-tea-lj-250-remind-1440', 'REMIND_BEFORE_MINUTES', '1440'],
      ['presale-tea-lj-250-remind-60', 'REMIND_BEFORE_MINUTES', '60'],
    ]);
    expect(new Set(rules.map((rule) => rule.condition))).toEqual(new Set(['order.lines.exists(l, l.sku == "TEA-LJ-250")']));
  });

  it('never lets the expansion fall below the deposit', () => {
    const [, countsAs] = presaleRules({
      sku: 'X',
      depositMinor: 5000,
      countsAsMinor: 100,
      finalOpensAt: '2026-12-10T00:00:00Z',
      finalClosesAt: '2026-12-11T00:00:00Z',
      remindBeforeMinutes: [],
    });
    expect(countsAs!.value).toBe('5000');
  });

  it.each([
    [{ earnPer100: 1, pointValueMinor: 1, spendCapPercent: 50, region: '' }, 'true', ['1', '1', '5000'], 'points-earn-per-100'],
    [{ earnPer100: 2, pointValueMinor: 10, spendCapPercent: 150, region: 'cn' }, 'order.region == "cn"', ['2', '10', '10000'], 'points-cn-earn-per-100'],
  ])('points %j', (form, condition, values, firstKey) => {
    const rules = pointsRules(form);
    expect(rules.map((rule) => rule.target)).toEqual(['EARN_PER_100', 'POINT_VALUE', 'SPEND_CAP_BP']);
    expect(rules.map((rule) => rule.value)).toEqual(values);
    expect(rules[0]).toMatchObject({ condition, key: firstKey });
  });

  it.each([
    [
      { giftSku: 'SILK', thresholdMinor: 30000, withSku: '', region: '', label: '' },
      'order.itemsTotal >= 30000',
      '"SILK"',
      'gift-silk-from-30000',
      'Free SILK',
    ],
    [
      { giftSku: ' TEA-CUP ', thresholdMinor: -5, withSku: 'TEA-LJ-250', region: 'cn', label: 'A cup for your tea' },
      'order.itemsTotal >= 0\n&& order.lines.exists(l, l.sku == "TEA-LJ-250")\n&& order.region == "cn"',
      '"TEA-CUP"',
      'gift-tea-cup-with-tea-lj-250-from-0',
      'A cup for your tea',
    ],
  ])('gift %j', (form, condition, value, key, message) => {
    expect(giftRule(form)).toMatchObject({ condition, value, key, message });
  });
});

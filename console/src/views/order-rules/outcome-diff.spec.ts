import { describe, expect, it } from '@jest/globals';
import { outcomeDiff } from './outcome-diff';

describe('outcomeDiff', () => {
  const base = { refusalCodes: [], discountTotal: 0, payableTotal: 10000, gifts: [], holdLevels: 0, payment: null, __typename: 'RuleOutcome' };
  it.each([
    ['no change', base, base, []],
    [
      'a discount',
      base,
      { ...base, discountTotal: 500, payableTotal: 9500 },
      [
        ['discountTotal', '0', '500'],
        ['payableTotal', '10000', '9500'],
      ],
    ],
    ['a refusal', base, { ...base, refusalCodes: ['NO_EXPORT'] }, [['refusalCodes', '—', 'NO_EXPORT']]],
    ['a payment plan appears', base, { ...base, payment: { deposit: 5000, finalDue: 2000 } }, [['payment', '—', 'deposit 5000, finalDue 2000']]],
    [
      'the payment plan changes field by field',
      { ...base, payment: { deposit: 5000, expansion: 3000, finalDue: 2000, remindBeforeMinutes: [60] } },
      { ...base, payment: { deposit: 5000, expansion: 4000, finalDue: 1000, remindBeforeMinutes: [1440, 60] } },
      [
        ['payment.expansion', '3000', '4000'],
        ['payment.finalDue', '2000', '1000'],
        ['payment.remindBeforeMinutes', '60', '1440, 60'],
      ],
    ],
  ])('%s', (_name, before, after, expected) => {
    expect(outcomeDiff(before, after).map((change) => [change.field, change.before, change.after])).toEqual(expected);
  });
});

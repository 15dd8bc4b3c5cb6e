import { planPayment, type PaymentStackInput } from './payment-stacking.rules.js';
import type { PointsPolicy, PresaleTerms } from './promotion-terms.rules.js';

const presale = (deposit: number, countsAs: number): PresaleTerms => ({
  deposit,
  countsAs,
  finalOpensAt: '2026-11-11T00:00:00.000Z',
  finalClosesAt: '2026-11-12T00:00:00.000Z',
  remindBeforeMinutes: [60],
  ruleSet: 'double-11',
  version: 2,
});
const points = (pointValue: number | null, spendCapBp = 10_000, earnPer100: number | null = null): PointsPolicy => ({ earnPer100, pointValue, spendCapBp });
const input = (changes: Partial<PaymentStackInput>): PaymentStackInput => ({
  currency: 'CNY',
  payable: 100_000,
  presale: null,
  policy: points(null),
  pointsRequested: 0,
  ...changes,
});

describe('planPayment: promotions, then deposit expansion, then points (capped), then cash', () => {
  it.each([
    ['plain order: all cash now', input({}), { deposit: 0, expansion: 0, pointsUsed: 0, pointsValue: 0, finalDue: 100_000, pointsToEarn: 0 }],
    ['deposit 100 counts as 300', input({ presale: presale(10_000, 30_000) }), { deposit: 10_000, expansion: 20_000, finalDue: 70_000 }],
    [
      'the expanded value is capped at the payable',
      input({ payable: 20_000, presale: presale(10_000, 30_000) }),
      { deposit: 10_000, expansion: 10_000, finalDue: 0 },
    ],
    ['a deposit above the payable is capped too', input({ payable: 5_000, presale: presale(10_000, 30_000) }), { deposit: 5_000, expansion: 0, finalDue: 0 }],
    [
      'points pay after the expansion, within the cap of the remainder',
      input({ presale: presale(10_000, 30_000), policy: points(1, 1_000), pointsRequested: 7_000 }),
      { deposit: 10_000, expansion: 20_000, pointsUsed: 7_000, pointsValue: 7_000, finalDue: 63_000 },
    ],
    ['a point worth 5 fen', input({ policy: points(5, 10_000), pointsRequested: 100 }), { pointsUsed: 100, pointsValue: 500, finalDue: 99_500 }],
    [
      'earning on cash only (deposit and final), rounded down',
      input({ presale: presale(10_000, 30_000), policy: points(1, 10_000, 3), pointsRequested: 999 }),
      {
        finalDue: 69_001,
        pointsToEarn: Math.floor(((10_000 + 69_001) * 3) / 100),
      },
    ],
  ])('%s', (_name, stack, expected) => {
    const result = planPayment(stack);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan).toMatchObject(expected);
    const { plan } = result;
    // Every plan pays exactly the payable, and never pays out.
    expect(plan.deposit + plan.expansion + plan.pointsValue + plan.finalDue).toBe(plan.payable);
    expect(Math.min(plan.deposit, plan.expansion, plan.pointsValue, plan.finalDue)).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ['points without a points rule', input({ pointsRequested: 1 }), 'POINTS_NOT_ACCEPTED', undefined],
    ['more than the cap', input({ policy: points(1, 1_000), pointsRequested: 10_001 }), 'POINTS_ABOVE_CAP', 10_000],
    [
      'the cap reads what remains after the expansion',
      input({ presale: presale(10_000, 30_000), policy: points(1, 1_000), pointsRequested: 7_001 }),
      'POINTS_ABOVE_CAP',
      7_000,
    ],
    ['a cap of zero', input({ policy: points(1, 0), pointsRequested: 1 }), 'POINTS_ABOVE_CAP', 0],
  ])('refuses %s', (_name, stack, code, maxPoints) => {
    const result = planPayment(stack);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ code, field: 'pointsToUse', ...(maxPoints === undefined ? {} : { maxPoints }) });
  });
});

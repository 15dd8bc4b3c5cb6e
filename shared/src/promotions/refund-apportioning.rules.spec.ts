import { paidPerSoldLine, settleReturn, splitReturnedValue, type ReturnSettlementInput } from './refund-apportioning.rules.js';

/** Deposit 100 counting as 300, 70 yuan in points, 630 cash at the final payment; 1 point per yuan of cash earned. */
const presalePlan = { payable: 100_000, deposit: 10_000, expansion: 20_000, pointsUsed: 7_000, pointsValue: 7_000, finalDue: 63_000, pointsToEarn: 730 };
const plainPlan = { payable: 50_000, deposit: 0, expansion: 0, pointsUsed: 0, pointsValue: 0, finalDue: 50_000, pointsToEarn: 0 };
const mostlyPoints = { payable: 10_000, deposit: 1_000, expansion: 4_000, pointsUsed: 5_000, pointsValue: 5_000, finalDue: 0, pointsToEarn: 10 };
const tiny = { payable: 3, deposit: 0, expansion: 1, pointsUsed: 1, pointsValue: 1, finalDue: 1, pointsToEarn: 0 };
const fivePenPoints = { payable: 1_001, deposit: 0, expansion: 0, pointsUsed: 100, pointsValue: 500, finalDue: 501, pointsToEarn: 5 };

const settle = (changes: Partial<ReturnSettlementInput>) =>
  settleReturn({
    plan: presalePlan,
    returnedBefore: 0,
    returnedNow: 0,
    giftsKeptValue: 0,
    consentedPickupFee: 0,
    pointsEarnedCredited: true,
    pointValue: 1,
    ...changes,
  });

describe('paidPerSoldLine', () => {
  it.each([
    ['no promotion', [{ lineNo: 1, quantity: 2, unitPrice: 1_000, unitTax: 130, discount: 0, discountTax: 0 }], 0, [2_260]],
    [
      'the promotion share and its VAT come off the line',
      [
        { lineNo: 1, quantity: 1, unitPrice: 10_000, unitTax: 1_300, discount: 1_000, discountTax: 130 },
        { lineNo: 2, quantity: 1, unitPrice: 0, unitTax: 0, discount: 0, discountTax: 0 },
      ],
      0,
      [10_170, 0],
    ],
    [
      'a client discount over the promoted goods, largest remainder',
      [
        { lineNo: 1, quantity: 1, unitPrice: 100, unitTax: 0, discount: 0, discountTax: 0 },
        { lineNo: 2, quantity: 1, unitPrice: 200, unitTax: 0, discount: 0, discountTax: 0 },
      ],
      100,
      [67, 133],
    ],
  ])('%s', (_name, lines, clientDiscount, paid) => {
    expect([...paidPerSoldLine(lines, clientDiscount).values()]).toEqual(paid);
  });
});

describe('settleReturn: a returned line gives back its cash, points and deposit share', () => {
  it.each([
    [
      'half of a presale order paid with deposit, expansion, points and cash',
      settle({ returnedNow: 50_000 }),
      { depositCash: 5_000, finalCash: 31_500, points: 3_500, pointsBack: 3_500, expansionForfeited: 10_000, cashRefund: 36_500, pointsEarnedBack: 365 },
    ],
    [
      'the other half gives back exactly the rest',
      settle({ returnedBefore: 50_000, returnedNow: 50_000 }),
      { depositCash: 5_000, finalCash: 31_500, points: 3_500, expansionForfeited: 10_000, cashRefund: 36_500, pointsEarnedBack: 365 },
    ],
    [
      'a kept gift is deducted from the cash',
      settle({ returnedNow: 50_000, giftsKeptValue: 2_000 }),
      { cashRefund: 34_500, giftDeduction: 2_000, pointsBack: 3_500, pointsDeducted: 0 },
    ],
    [
      'a gift worth more than the cash comes off the points being returned',
      settle({ plan: mostlyPoints, returnedNow: 10_000, giftsKeptValue: 3_000 }),
      { depositCash: 1_000, finalCash: 0, cashRefund: 0, giftDeduction: 3_000, points: 5_000, pointsDeducted: 2_000, pointsBack: 3_000 },
    ],
    [
      'a pickup fee after the gift, and beyond cash and points it is waived',
      settle({ plan: mostlyPoints, returnedNow: 1_000, giftsKeptValue: 50, consentedPickupFee: 1_000 }),
      { depositCash: 100, cashRefund: 0, giftDeduction: 50, points: 500, pointsDeducted: 500, pointsBack: 0, pickupFeeDeduction: 550 },
    ],
    ['points earned are taken back only once they were credited', settle({ returnedNow: 50_000, pointsEarnedCredited: false }), { pointsEarnedBack: 0 }],
    ['a plain order: all cash', settle({ plan: plainPlan, returnedNow: 12_345 }), { finalCash: 12_345, cashRefund: 12_345, points: 0, expansionForfeited: 0 }],
    [
      'rounding: cash never exceeds the cash paid, the expansion keeps the remainder',
      settle({ plan: tiny, returnedNow: 2, pointsEarnedCredited: false }),
      { finalCash: 1, points: 0, expansionForfeited: 1 },
    ],
    [
      'points worth 5 fen come back whole, rounded down',
      settle({ plan: fivePenPoints, returnedNow: 500 }),
      { points: 49, pointsValue: 245, finalCash: 255, pointsEarnedBack: 2 },
    ],
  ])('%s', (_name, settlement, expected) => {
    expect(settlement).toMatchObject(expected);
  });

  it.each([
    ['presale, three returns', presalePlan, [33_333, 33_333, 33_334]],
    ['presale, unit by unit of odd values', presalePlan, [1, 2, 3, 99_994]],
    ['mostly points', mostlyPoints, [3_333, 6_667]],
    ['tiny amounts', tiny, [1, 1, 1]],
    ['five-fen points', fivePenPoints, [250, 250, 501]],
  ])('%s: the returns add up to the whole order, each part never negative', (_name, plan, returns) => {
    let before = 0;
    const sums = { depositCash: 0, finalCash: 0, points: 0, pointsValue: 0, expansionForfeited: 0, pointsEarnedBack: 0 };
    for (const now of returns) {
      const settlement = settleReturn({
        plan,
        returnedBefore: before,
        returnedNow: now,
        giftsKeptValue: 0,
        consentedPickupFee: 0,
        pointsEarnedCredited: true,
        pointValue: 1,
      });
      for (const key of Object.keys(sums) as Array<keyof typeof sums>) {
        expect(settlement[key]).toBeGreaterThanOrEqual(0);
        sums[key] += settlement[key];
      }
      expect(settlement.depositCash + settlement.finalCash + settlement.pointsValue + settlement.expansionForfeited).toBe(now);
      before += now;
    }
    expect(sums).toEqual({ ...splitReturnedValue(plan, plan.payable), pointsEarnedBack: plan.pointsToEarn });
    expect(sums.depositCash).toBe(plan.deposit);
    expect(sums.finalCash).toBe(plan.finalDue);
    expect(sums.points).toBe(plan.pointsUsed);
  });
});

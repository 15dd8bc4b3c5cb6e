import {
  calculateRefund,
  giftsDueBack,
  paidForUnits,
  paidPerLine,
  promotionGiftsOf,
  type OrderGift,
  type PricedLine,
  type RefundInput,
} from './refund-amount.rules.js';

// Goods 25 470 fen: tea 2 × 56.50, cups 3 × 33.90, a book 40.00; a 10.01 yuan order coupon.
const lines: PricedLine[] = [
  { lineNo: 1, quantity: 2, unitPrice: 5000, unitTax: 650 },
  { lineNo: 2, quantity: 3, unitPrice: 3000, unitTax: 390 },
  { lineNo: 3, quantity: 1, unitPrice: 4000, unitTax: 0 },
];
const gifts: OrderGift[] = [
  { giftNo: 1, kind: 'ITEM', description: 'tea cup', declaredValue: 1500, lineNos: [1] },
  { giftNo: 2, kind: 'POINTS', description: '200 points', declaredValue: null, lineNos: [1, 2, 3] },
  { giftNo: 3, kind: 'COUPON', description: 'next-order coupon', declaredValue: 500, lineNos: [3] },
];

describe('what the customer paid per line', () => {
  it('apportions the order discount by largest remainder, adding up to the fen', () => {
    const paid = paidPerLine(lines, 1001);
    expect([...paid.entries()]).toEqual([
      [1, 10856],
      [2, 9770],
      [3, 3843],
    ]);
    expect([...paid.values()].reduce((a, b) => a + b, 0)).toBe(25470 - 1001);
  });

  it('spreads only the goods part of a discount that also covered shipping', () => {
    expect([...paidPerLine(lines, 30000).values()]).toEqual([0, 0, 0]);
  });

  it.each([
    [9770, 3, [1, 1, 1], [3256, 3257, 3257]],
    [9770, 3, [2, 1], [6513, 3257]],
    [10, 3, [1, 1, 1], [3, 3, 4]],
    [10856, 2, [2], [10856]],
  ])('successive partial returns of a line paid %i for %i units: %j → %j', (paid, quantity, returns, amounts) => {
    let before = 0;
    const refunds = returns.map((count) => {
      const amount = paidForUnits(paid, quantity, before, count);
      before += count;
      return amount;
    });
    expect(refunds).toEqual(amounts);
    expect(refunds.reduce((a, b) => a + b, 0)).toBe(paid);
  });
});

describe('gifts that come back with a return', () => {
  const units = (returned: Record<number, number>) => new Map(lines.map((l) => [l.lineNo, { quantity: l.quantity, returned: returned[l.lineNo] ?? 0 }]));
  it.each<[string, Record<number, number>, number[]]>([
    ['one of two teas', { 1: 1 }, []],
    ['both teas', { 1: 2 }, [1]],
    ['the book', { 3: 1 }, [3]],
    ['everything', { 1: 2, 2: 3, 3: 1 }, [1, 2, 3]],
  ])('returning %s brings back gifts %j', (_label, returned, expected) => {
    expect(giftsDueBack(gifts, units(returned)).map((g) => g.giftNo)).toEqual(expected);
  });
});

describe('the refund', () => {
  const base = { lines, discountTotal: 1001, consentedPickupFee: 0 };
  it.each<[string, Omit<RefundInput, 'lines' | 'discountTotal' | 'consentedPickupFee'> & { consentedPickupFee?: number }, object]>([
    [
      'both teas with the tea cup back',
      { accepted: [{ lineNo: 1, quantity: 2, refundedBefore: 0 }], giftsDue: [gifts[0]!], giftsReturned: [1] },
      { goodsAmount: 10856, giftDeduction: 0, pickupFeeDeduction: 0, amount: 10856 },
    ],
    [
      'both teas, tea cup kept: its declared value is deducted',
      { accepted: [{ lineNo: 1, quantity: 2, refundedBefore: 0 }], giftsDue: [gifts[0]!], giftsReturned: [] },
      { goodsAmount: 10856, giftDeduction: 1500, amount: 9356 },
    ],
    [
      'the book, its coupon already spent',
      { accepted: [{ lineNo: 3, quantity: 1, refundedBefore: 0 }], giftsDue: [gifts[2]!], giftsReturned: [] },
      { goodsAmount: 3843, giftDeduction: 500, amount: 3343 },
    ],
    [
      'the last items, points without a declared value kept: nothing deducted',
      { accepted: [{ lineNo: 2, quantity: 3, refundedBefore: 0 }], giftsDue: [gifts[1]!], giftsReturned: [] },
      { goodsAmount: 9770, giftDeduction: 0, amount: 9770 },
    ],
    [
      'the second of three cups',
      { accepted: [{ lineNo: 2, quantity: 1, refundedBefore: 1 }], giftsDue: [], giftsReturned: [] },
      { lines: [{ lineNo: 2, quantity: 1, amount: 3257 }], goodsAmount: 3257, amount: 3257 },
    ],
    [
      'a cup with a consented 8.00 yuan pickup fee',
      { accepted: [{ lineNo: 2, quantity: 1, refundedBefore: 0 }], giftsDue: [], giftsReturned: [], consentedPickupFee: 800 },
      { goodsAmount: 3256, pickupFeeDeduction: 800, amount: 2456 },
    ],
    [
      'deductions larger than the goods',
      {
        accepted: [{ lineNo: 3, quantity: 1, refundedBefore: 0 }],
        giftsDue: [{ ...gifts[2]!, declaredValue: 3000 }],
        giftsReturned: [],
        consentedPickupFee: 2000,
      },
      { goodsAmount: 3843, giftDeduction: 3000, pickupFeeDeduction: 843, amount: 0 },
    ],
  ])('%s', (_label, input, expected) => {
    expect(calculateRefund({ ...base, ...input })).toMatchObject(expected);
  });

  it('never refunds more units than were bought', () => {
    expect(() => calculateRefund({ ...base, accepted: [{ lineNo: 2, quantity: 2, refundedBefore: 2 }], giftsDue: [], giftsReturned: [] })).toThrow(RangeError);
  });
});

describe('promotionGiftsOf', () => {
  it.each([
    ['no gift lines', [{ lineNo: 1, attributes: {} }], []],
    [
      'a rule-bound gift is earned by every paid line and keeps its declared value',
      [
        { lineNo: 1, attributes: { category: 'HOME' } },
        { lineNo: 2, attributes: {} },
        { lineNo: 3, attributes: { gift: true, declaredValue: 3390, giftRule: 'double-11/mug@2' } },
      ],
      [{ giftNo: 1003, kind: 'ITEM', description: 'double-11/mug@2', declaredValue: 3390, lineNos: [1, 2] }],
    ],
    [
      'a gift line without a declared value deducts nothing',
      [{ lineNo: 1 }, { lineNo: 2, attributes: { gift: true } }],
      [{ giftNo: 1002, kind: 'ITEM', description: 'promotion gift', declaredValue: null, lineNos: [1] }],
    ],
  ])('%s', (_name, lines, gifts) => {
    expect(promotionGiftsOf(lines)).toEqual(gifts);
  });

  it('asks a rule-bound gift back only when every paid line comes back, else deducts its declared value', () => {
    const gifts = promotionGiftsOf([{ lineNo: 1 }, { lineNo: 2 }, { lineNo: 3, attributes: { gift: true, declaredValue: 500 } }]);
    const units = (first: number, second: number) =>
      new Map([
        [1, { quantity: 1, returned: first }],
        [2, { quantity: 2, returned: second }],
      ]);
    expect(giftsDueBack(gifts, units(1, 1))).toEqual([]);
    expect(giftsDueBack(gifts, units(1, 2)).map((gift) => gift.giftNo)).toEqual([1003]);
  });
});

import { calculateTotals } from './order-totals.js';

describe('calculateTotals', () => {
  it.each([
    [[{ quantity: 2, unitPrice: 1999, unitTax: 380 }], 500, 0, { itemsTotal: 3998, taxTotal: 760, grandTotal: 5258 }],
    [
      [
        { quantity: 1, unitPrice: 10000, unitTax: 0 },
        { quantity: 3, unitPrice: 250, unitTax: 25 },
      ],
      0,
      1000,
      { itemsTotal: 10750, taxTotal: 75, grandTotal: 9825 },
    ],
    [[{ quantity: 1, unitPrice: 150000000, unitTax: 0 }], 0, 0, { grandTotal: 150000000 }],
  ])('lines %j, shipping %i, discount %i', (lines, shipping, discount, expected) => {
    expect(calculateTotals(lines, shipping, discount)).toMatchObject(expected);
  });

  it('rejects a discount larger than the order', () => {
    expect(() => calculateTotals([{ quantity: 1, unitPrice: 100, unitTax: 0 }], 0, 101)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'discountTotal' } }),
    );
  });
});

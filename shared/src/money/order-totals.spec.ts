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
    // A promotion's 1000 net off a line at 19 %: 190 less VAT, the discount stays net.
    [[{ quantity: 2, unitPrice: 1999, unitTax: 380, discount: 1000, discountTax: 190 }], 500, 1000, { itemsTotal: 3998, taxTotal: 570, grandTotal: 4068 }],
  ])('lines %j, shipping %i, discount %i', (lines, shipping, discount, expected) => {
    expect(calculateTotals(lines, shipping, discount)).toMatchObject(expected);
  });

  it('rejects a discount larger than the order', () => {
    expect(() => calculateTotals([{ quantity: 1, unitPrice: 100, unitTax: 0 }], 0, 101)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'discountTotal' } }),
    );
  });

  it.each([
    ['a line discount above its price', [{ quantity: 1, unitPrice: 100, unitTax: 19, discount: 101 }], 101, 'lines'],
    ['a line discount tax above its VAT', [{ quantity: 1, unitPrice: 100, unitTax: 19, discount: 100, discountTax: 20 }], 100, 'lines'],
    ["an order discount below its lines' discounts", [{ quantity: 1, unitPrice: 100, unitTax: 19, discount: 50, discountTax: 10 }], 40, 'discountTotal'],
  ])('rejects %s', (_name, lines, discount, field) => {
    expect(() => calculateTotals(lines, 0, discount)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field } }));
  });
});

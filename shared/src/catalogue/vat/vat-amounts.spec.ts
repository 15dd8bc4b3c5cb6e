import { apportion, shippingVat, unitVat } from './vat-amounts.js';

describe('unitVat', () => {
  it.each([
    [1499, 1900, 285],
    [1000, 1900, 190],
    [1000, 2550, 255],
    [999, 2550, 255],
    [10, 1900, 2],
    [2, 2500, 1],
    [1, 1900, 0],
    [0, 2000, 0],
    [1000, 0, 0],
    [1999, 550, 110],
  ])('unitVat(%i, %i bp) = %i', (unitPrice, rateBp, vat) => {
    expect(unitVat(unitPrice, rateBp)).toBe(vat);
  });
});

describe('apportion', () => {
  it.each<[number, number[], number[]]>([
    [100, [1, 1], [50, 50]],
    [100, [1, 1, 1], [34, 33, 33]],
    [5, [3000, 1000], [4, 1]],
    [0, [1, 2], [0, 0]],
    [7, [0, 0], [4, 3]],
    [499, [2997, 50], [491, 8]],
  ])('apportion(%i, %j) = %j', (amount, weights, parts) => {
    expect(apportion(amount, weights)).toEqual(parts);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
  });
});

describe('shippingVat follows the goods', () => {
  it.each<[string, number, Array<{ rateBp: number; net: number }>, Array<{ rateBp: number; net: number; vat: number }>]>([
    [
      'all goods at the standard rate',
      495,
      [
        { rateBp: 1900, net: 2000 },
        { rateBp: 1900, net: 1000 },
      ],
      [{ rateBp: 1900, net: 495, vat: 94 }],
    ],
    ['all goods reduced (books)', 495, [{ rateBp: 700, net: 1500 }], [{ rateBp: 700, net: 495, vat: 35 }]],
    [
      'mixed: split by net value',
      500,
      [
        { rateBp: 1900, net: 3000 },
        { rateBp: 700, net: 1000 },
      ],
      [
        { rateBp: 1900, net: 375, vat: 71 },
        { rateBp: 700, net: 125, vat: 9 },
      ],
    ],
    ['exempt supply (reverse charge)', 500, [{ rateBp: 0, net: 1000 }], [{ rateBp: 0, net: 500, vat: 0 }]],
    ['free shipping', 0, [{ rateBp: 1900, net: 1000 }], []],
  ])('%s', (_label, shippingNet, goods, parts) => {
    expect(shippingVat(shippingNet, goods)).toEqual(parts);
  });
});

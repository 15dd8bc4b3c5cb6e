import { allocateByLargestRemainder } from './largest-remainder.js';

describe('largest-remainder allocation', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [1000, [12800, 3000, 3000], [681, 160, 159]],
    [1, [5, 5], [1, 0]],
    [0, [5, 7], [0, 0]],
    [500, [0, 3000], [0, 500]],
    [7, [1, 2, 4], [1, 2, 4]],
    [9_007_199_254_740_991, [3, 3, 3], [3_002_399_751_580_331, 3_002_399_751_580_330, 3_002_399_751_580_330]],
  ])('splits %i over %j into %j', (total, weights, expected) => {
    const parts = allocateByLargestRemainder(total, weights);
    expect(parts).toEqual(expected);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('refuses to spread money over nothing', () => {
    expect(() => allocateByLargestRemainder(10, [0, 0])).toThrow(RangeError);
  });
});

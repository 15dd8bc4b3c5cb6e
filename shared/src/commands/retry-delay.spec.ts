import { retryDelayMs } from './retry-delay.js';

describe('retryDelayMs', () => {
  const options = { baseMs: 500, maxMs: 30_000 };
  it.each([
    [1, 500],
    [2, 1_000],
    [3, 2_000],
    [7, 30_000],
    [40, 30_000],
  ])('attempt %i waits %i ms without jitter', (attempts, expected) => {
    expect(retryDelayMs(attempts, options, () => 0.5)).toBe(expected);
  });
  it('spreads relays apart by at most 20 %', () => {
    expect(retryDelayMs(2, options, () => 0)).toBe(800);
    expect(retryDelayMs(2, options, () => 1)).toBe(1_200);
  });
});

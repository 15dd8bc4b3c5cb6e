import { DEFAULT_WEIGHTS } from './objective.js';
import { weightsKey, weightsWithRules } from './rule-weights.js';

describe('weightsWithRules', () => {
  it.each<[string, Record<string, number>, Partial<typeof DEFAULT_WEIGHTS>, string[]]>([
    ['no rule keeps the channel weights', {}, {}, []],
    ['a rule sets one criterion', { carbon: 500 }, { carbon: 500 }, []],
    ['several criteria', { time: 0, splitPenalty: 50 }, { time: 0, splitPenalty: 50 }, []],
    ['an unknown criterion is ignored', { distance: 2, cost: 3 }, { cost: 3 }, ['distance']],
    ['a value out of range is ignored', { carbon: 20_000, time: -1 }, {}, ['carbon', 'time']],
    ['NaN is ignored', { cost: Number.NaN }, {}, ['cost']],
  ])('%s', (_label, ruled, applied, ignored) => {
    const outcome = weightsWithRules(DEFAULT_WEIGHTS, ruled);
    expect(outcome).toEqual({ weights: { ...DEFAULT_WEIGHTS, ...applied }, applied, ignored });
  });

  it('falls back to the channel weights when the rules leave nothing to optimise', () => {
    expect(weightsWithRules(DEFAULT_WEIGHTS, { cost: 0, time: 0, carbon: 0 })).toEqual({
      weights: DEFAULT_WEIGHTS,
      applied: {},
      ignored: ['cost', 'time', 'carbon'],
    });
  });

  it('keys equal weights alike and different weights apart', () => {
    expect(weightsKey({ ...DEFAULT_WEIGHTS })).toBe(weightsKey(DEFAULT_WEIGHTS));
    expect(weightsKey({ ...DEFAULT_WEIGHTS, carbon: 11 })).not.toBe(weightsKey(DEFAULT_WEIGHTS));
  });
});

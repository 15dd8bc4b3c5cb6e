import { DEFAULT_WEIGHTS, evaluateNode, validateWeights } from './objective.js';
import { node, order, standardLane } from './spec-fixtures.js';

describe('validateWeights', () => {
  it.each([
    ['defaults are valid', DEFAULT_WEIGHTS, []],
    ['negative cost', { ...DEFAULT_WEIGHTS, cost: -1 }, ['cost']],
    ['too large split penalty', { ...DEFAULT_WEIGHTS, splitPenalty: 10_001 }, ['splitPenalty']],
    ['not a number', { ...DEFAULT_WEIGHTS, time: Number.NaN }, ['time']],
    ['nothing to optimise', { cost: 0, time: 0, carbon: 0, splitPenalty: 5 }, ['weights']],
  ])('%s', (_case, weights, fields) => {
    expect(validateWeights(weights).map((problem) => problem.field)).toEqual(fields);
  });
});

describe('evaluateNode', () => {
  const shanghai = { lat: 31.2, lon: 121.5 };
  const beijing = { lat: 39.9, lon: 116.4 };
  it.each([
    ['an up node in market', node('a'), order('o', [['A', 1]]), 'YTO'],
    ['a down node is never used', node('a', { status: 'DOWN' }), order('o', [['A', 1]]), null],
    ['out of market without permission', node('a', { region: 'de' }), order('o', [['A', 1]]), null],
    ['out of market with permission', node('a', { region: 'de' }), order('o', [['A', 1]], { allowCrossBorder: true }), 'YTO'],
    ['no lane reaches the service level', node('a'), order('o', [['A', 1]], { serviceLevel: 'EXPRESS' }), null],
    ['a faster lane satisfies a slower level', node('a', { lanes: [standardLane({ carrier: 'SF', serviceLevel: 'EXPRESS' })] }), order('o', [['A', 1]]), 'SF'],
    [
      'same-day lane out of its radius',
      node('a', { location: beijing, lanes: [standardLane({ serviceLevel: 'SAME_DAY', maxDistanceKm: 50 })] }),
      order('o', [['A', 1]], { serviceLevel: 'SAME_DAY', destination: shanghai }),
      null,
    ],
  ])('%s', (_case, candidate, request, carrier) => {
    expect(evaluateNode(request, candidate, DEFAULT_WEIGHTS)?.lane.carrier ?? null).toBe(carrier);
  });

  it('picks the lane with the lower weighted cost, and a heavier time weight flips the choice', () => {
    const lanes = [
      standardLane({ carrier: 'CHEAP', baseCost: 500, baseTransitHours: 72 }),
      standardLane({ carrier: 'FAST', baseCost: 1500, baseTransitHours: 12 }),
    ];
    const candidate = node('a', { lanes });
    expect(evaluateNode(order('o', [['A', 1]]), candidate, { ...DEFAULT_WEIGHTS, time: 1 })!.lane.carrier).toBe('CHEAP');
    expect(evaluateNode(order('o', [['A', 1]]), candidate, { ...DEFAULT_WEIGHTS, time: 100 })!.lane.carrier).toBe('FAST');
  });

  it.each([
    ['placed just now: the next wave from placement', undefined, '2026-12-02T16:00:00.000Z'],
    ['moved later the same day, after the wave: the next day', new Date('2026-12-02T17:00:00Z'), '2026-12-03T16:00:00.000Z'],
    ['a ready time before placement changes nothing', new Date('2026-12-01T00:00:00Z'), '2026-12-02T16:00:00.000Z'],
  ])('departs from when the node can start on the order: %s', (_case, readyAt, departure) => {
    const option = evaluateNode(order('o', [['A', 1]], readyAt ? { readyAt } : {}), node('a'), DEFAULT_WEIGHTS)!;
    expect(option.departureAt.toISOString()).toBe(departure);
  });

  it('counts carbon per gram with the GLEC route intensity: hub operations everywhere, more with distance', () => {
    const far = node('far', { location: { lat: 39.9, lon: 116.4 } });
    const near = evaluateNode(order('o', [['A', 1]]), node('near'), { cost: 0, time: 0, carbon: 1, splitPenalty: 0 })!;
    const distant = evaluateNode(order('o', [['A', 1]]), far, { cost: 0, time: 0, carbon: 1, splitPenalty: 0 })!;
    expect(near.perGram).toBeCloseTo(3_000 / 1e9, 12);
    expect(distant.perGram).toBeGreaterThan(near.perGram * 20);
  });
});

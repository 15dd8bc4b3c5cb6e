import { AllocationState } from '../domain/allocation-state.js';
import type { AllocationWeights, NodeFacts, OrderToAllocate } from '../domain/allocation.types.js';
import { solveSmallExactly } from '../domain/exact-plan.js';
import { optionsFor } from '../domain/greedy-allocator.js';
import { buildMipModel, decodeMipSolution } from '../domain/mip-model.js';
import { node, order, standardLane } from '../domain/spec-fixtures.js';
import { HighsSolver } from './highs-solver.js';

/** Deterministic, so a failing instance can be replayed by its seed. */
function random(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

function instance(seed: number) {
  const rnd = random(seed);
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));
  const pick = <T>(items: readonly T[]) => items[int(0, items.length - 1)]!;
  const skus = ['A', 'B', 'C'].slice(0, int(1, 3));
  const nodes: NodeFacts[] = Array.from({ length: int(1, 4) }, (_, i) =>
    node(`n${i}`, {
      kind: pick(['CENTRAL', 'FORWARD', 'STORE'] as const),
      region: rnd() < 0.8 ? 'cn' : 'de',
      status: pick(['UP', 'UP', 'UP', 'DEGRADED', 'DOWN'] as const),
      location: { lat: 22 + rnd() * 18, lon: 113 + rnd() * 9 },
      remainingCapacity: int(0, 8),
      cutoffMinutes: [int(0, 1439)],
      lanes: [
        standardLane({ baseCost: int(0, 2_000), costPerKg: int(0, 500), baseTransitHours: int(4, 72) }),
        standardLane({ serviceLevel: 'EXPRESS', baseCost: int(500, 3_000), costPerKg: int(0, 800), baseTransitHours: int(2, 24) }),
      ],
    }),
  );
  const stock = nodes.flatMap((n) => skus.filter(() => rnd() < 0.8).map((sku) => ({ sku, nodeId: n.id, available: int(0, 4) })));
  const orders: OrderToAllocate[] = Array.from({ length: int(1, 2) }, (_, o) => {
    const placed = order(
      `o${o}`,
      Array.from({ length: int(1, 3) }, () => [pick(skus), int(1, 3)] as [string, number]),
      {
        serviceLevel: pick(['STANDARD', 'STANDARD', 'EXPRESS'] as const),
        allowCrossBorder: rnd() < 0.3,
        destination: { lat: 22 + rnd() * 18, lon: 113 + rnd() * 9 },
      },
    );
    return { ...placed, lines: placed.lines.map((line) => ({ ...line, unitWeightGrams: int(50, 3_000) })) };
  });
  const weights: AllocationWeights = { cost: int(0, 3), time: pick([0, 20, 500]), carbon: pick([0, 10, 2_000]), splitPenalty: pick([0, 300, 10_000]) };
  if (weights.cost + weights.time + weights.carbon === 0) weights.cost = 1;
  return { nodes, stock, orders, weights };
}

function prepare(seed: number) {
  const { nodes, stock, orders, weights } = instance(seed);
  const state = AllocationState.of(nodes, stock);
  const input = { orders, options: orders.map((o) => optionsFor(o, nodes, weights)), state };
  const model = buildMipModel(input);
  return { input, model, state, exact: solveSmallExactly(input, model) };
}

const total = (plans: ReturnType<typeof decodeMipSolution>) => plans.reduce((sum, plan) => sum + plan.objective, 0);

describe('solveSmallExactly against HiGHS', () => {
  const solver = new HighsSolver();
  afterAll(() => solver.close());

  // The first 300 seeds whose instance is small enough to enumerate (a few larger ones are left to the solver).
  const seeds: number[] = [];
  for (let seed = 1; seeds.length < 300; seed += 1) if (prepare(seed).exact) seeds.push(seed);

  it('the instances include split parcels, backorders and orders competing for stock', () => {
    const plans = seeds.map((seed) => {
      const { input, model, exact, state } = prepare(seed);
      return decodeMipSolution({ ...input, state: state.clone() }, model, exact!);
    });
    const count = (test: (batch: ReturnType<typeof decodeMipSolution>) => boolean) => plans.filter(test).length;
    expect(count((batch) => batch.some((plan) => plan.shipments.length > 1))).toBeGreaterThan(10);
    expect(count((batch) => batch.some((plan) => plan.shipments.length > 0 && plan.backordered.length > 0))).toBeGreaterThan(10);
    expect(count((batch) => batch.filter((plan) => plan.shipments.length > 0).length > 1)).toBeGreaterThan(10);
  });

  it.each(seeds.map((seed) => [seed]))('random instance %i: the same optimum', async (seed) => {
    const { input, model, exact, state } = prepare(seed);
    const solution = await solver.solve(model.lp, { timeLimitSeconds: 30, mipRelGap: 0 });
    expect(solution.status).toBe('Optimal');
    // Decoding takes the units out of a copy of the stock: it throws on any plan that oversells.
    const exactObjective = total(decodeMipSolution({ ...input, state: state.clone() }, model, exact!));
    const highsObjective = total(decodeMipSolution({ ...input, state: state.clone() }, model, solution.values));
    expect(Math.abs(exactObjective - highsObjective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(highsObjective)));
  });
});

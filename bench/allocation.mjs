// Allocation quality and solver cost: on generated batches (orders competing for scarce stock across 8 nodes),
// the greedy allocator's objective against HiGHS's optimum, and HiGHS's wall time per batch in its worker.
//
//   node bench/allocation.mjs [--cases 5] [--time-limit 10]
import { parseArgs } from 'node:util';
import { AllocationState } from '@hub/fulfilment/allocation/domain/allocation-state';
import { allocateBatchGreedy, optionsFor } from '@hub/fulfilment/allocation/domain/greedy-allocator';
import { buildMipModel, decodeMipSolution } from '@hub/fulfilment/allocation/domain/mip-model';
import { BACKORDER_PENALTY, DEFAULT_WEIGHTS } from '@hub/fulfilment/allocation/domain/objective';
import { HighsSolver } from '@hub/fulfilment/allocation/solver/highs-solver';
import { lane } from '@hub/fulfilment/seed/network';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '5' }, 'time-limit': { type: 'string', default: '10' } } });
const CASES = Number(values.cases);
const limits = { timeLimitSeconds: Number(values['time-limit']), mipRelGap: 0 };

let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (items) => items[Math.floor(random() * items.length)];

const CITIES = [
  [31.23, 121.47],
  [30.27, 120.15],
  [32.06, 118.8],
  [31.3, 120.6],
  [39.9, 116.4],
  [23.13, 113.26],
  [30.57, 104.07],
  [34.27, 108.95],
];
const nodes = CITIES.map(([lat, lon], i) => ({
  id: `n${i}`,
  kind: i % 3 === 1 ? 'FORWARD' : i % 3 === 2 ? 'STORE' : 'CENTRAL',
  region: 'cn',
  location: { lat, lon },
  status: 'UP',
  remainingCapacity: 400,
  cutoffMinutes: [600, 1080],
  lanes: [lane('YTO', 'STANDARD', { baseCost: 500 + i * 40 }), lane('SF', 'EXPRESS')],
}));
const skus = Array.from({ length: 30 }, (_, i) => `S${i}`);

function generate(orderCount) {
  const stock = [];
  for (const sku of skus) for (const node of nodes) if (random() < 0.5) stock.push({ sku, nodeId: node.id, available: Math.floor(random() * 12) });
  const orders = Array.from({ length: orderCount }, (_, i) => {
    const [lat, lon] = pick(CITIES);
    return {
      orderId: `o${i}`,
      placedAt: new Date(Date.UTC(2026, 11, 2, 8, 0, i)),
      region: 'cn',
      destination: { lat: lat + random() - 0.5, lon: lon + random() - 0.5 },
      serviceLevel: random() < 0.2 ? 'EXPRESS' : 'STANDARD',
      allowCrossBorder: false,
      lines: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, l) => ({
        lineNo: l + 1,
        sku: pick(skus),
        quantity: 1 + Math.floor(random() * 2),
        unitWeightGrams: 200 + Math.floor(random() * 2000),
      })),
    };
  });
  return { orders, stock };
}

const sum = (plans) => plans.reduce((total, plan) => total + plan.objective, 0);
const backordered = (plans) => plans.reduce((total, plan) => total + plan.backordered.reduce((s, l) => s + l.quantity, 0), 0);
const solver = new HighsSolver();
console.log(`allocation bench: ${nodes.length} nodes, ${skus.length} SKUs, scarce stock; HiGHS time limit ${limits.timeLimitSeconds} s, gap 0`);
console.log('orders | greedy units short | MIP units short | shipping objective gap (greedy vs HiGHS) | HiGHS ms/batch (status) | greedy ms/batch');
try {
  for (const size of [25, 50, 100, 200]) {
    const rows = [];
    for (let c = 0; c < CASES; c += 1) {
      const { orders, stock } = generate(size);
      const state = AllocationState.of(nodes, stock);
      const t0 = performance.now();
      const greedy = allocateBatchGreedy(orders, nodes, DEFAULT_WEIGHTS, state.clone());
      const greedyMs = performance.now() - t0;
      const input = { orders, options: orders.map((order) => optionsFor(order, nodes, DEFAULT_WEIGHTS)), state };
      const model = buildMipModel(input);
      const solution = await solver.solve(model.lp, limits);
      const mip = decodeMipSolution({ ...input, state: state.clone() }, model, solution.values);
      const shipping = (plans) => sum(plans) - backordered(plans) * BACKORDER_PENALTY;
      rows.push({
        greedyShort: backordered(greedy),
        mipShort: backordered(mip),
        gap: (shipping(greedy) - shipping(mip)) / shipping(mip),
        ms: solution.millis,
        status: solution.status,
        greedyMs,
      });
    }
    const mean = (key) => rows.reduce((s, r) => s + r[key], 0) / rows.length;
    const statuses = [...new Set(rows.map((r) => r.status))].join('/');
    console.log(
      `${String(size).padStart(6)} | ${mean('greedyShort').toFixed(1).padStart(17)} | ${mean('mipShort').toFixed(1).padStart(15)} | ${(100 * mean('gap')).toFixed(2).padStart(6)} % (max ${(100 * Math.max(...rows.map((r) => r.gap))).toFixed(2)} %) | ${mean('ms').toFixed(0).padStart(6)} (${statuses}) | ${mean('greedyMs').toFixed(1)}`,
    );
  }
} finally {
  await solver.close();
}

// Cost-only against carbon-weighted routing on the same generated orders: the production planner (greedy,
// improved by HiGHS) runs once per weight setting, and each plan is costed with the GLEC factors the service
// records (WTW transport + hub operations; packaging is left out, it does not depend on the route).
//
//   node bench/carbon-routing.mjs [--orders 200] [--cases 3] [--time-limit 2]
import { parseArgs } from 'node:util';
import { AllocationState } from '@hub/fulfilment/allocation/domain/allocation-state';
import { distanceKm } from '@hub/fulfilment/allocation/domain/geo';
import { deliveryModeOf } from '@hub/fulfilment/allocation/domain/shipment-plan';
import { planBatch } from '@hub/fulfilment/allocation/solver/batch-planner';
import { HighsSolver } from '@hub/fulfilment/allocation/solver/highs-solver';
import { lane } from '@hub/fulfilment/seed/network';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { shipmentCarbon } from '@hub/shared/green/carbon.rules';

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '200' }, cases: { type: 'string', default: '3' }, 'time-limit': { type: 'string', default: '2' } },
});
const ORDERS = Number(values.orders);
const CASES = Number(values.cases);
const settings = { timeLimitSeconds: Number(values['time-limit']), mipRelGap: 0.001, maxVariables: 20_000 };

let seed = 2026;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = (items) => items[Math.floor(random() * items.length)];

// East China: two cheap central warehouses far from most customers, forward warehouses and stores near them.
const CITIES = {
  shanghai: [31.23, 121.47],
  hangzhou: [30.27, 120.15],
  nanjing: [32.06, 118.8],
  suzhou: [31.3, 120.6],
  hefei: [31.82, 117.23],
  ningbo: [29.87, 121.55],
};
const nodes = [
  {
    id: 'dc-wuhan',
    kind: 'CENTRAL',
    at: [30.59, 114.3],
    lanes: [lane('YTO', 'STANDARD', { baseCost: 420, costPerKg: 90 }), lane('SF', 'EXPRESS', { baseCost: 900 })],
  },
  {
    id: 'dc-xuzhou',
    kind: 'CENTRAL',
    at: [34.26, 117.18],
    lanes: [lane('YTO', 'STANDARD', { baseCost: 450, costPerKg: 90 }), lane('SF', 'EXPRESS', { baseCost: 950 })],
  },
  ...Object.entries(CITIES).map(([name, at], i) => ({
    id: `${i % 2 ? 'store' : 'fw'}-${name}`,
    kind: i % 2 ? 'STORE' : 'FORWARD',
    at,
    lanes: [
      lane('YTO', 'STANDARD', { baseCost: 640, costPerKg: 120 }),
      lane('SF', 'EXPRESS', { baseCost: 1_100 }),
      lane('DADA', 'SAME_DAY', { baseCost: 1_500, maxDistanceKm: 40 }),
    ],
  })),
].map((node) => ({
  ...node,
  region: 'cn',
  location: { lat: node.at[0], lon: node.at[1] },
  status: 'UP',
  remainingCapacity: 10_000,
  cutoffMinutes: [600, 1080],
}));
const skus = Array.from({ length: 40 }, (_, i) => ({ sku: `S${i}`, grams: 150 + Math.floor(random() * 3_000) }));

function generate() {
  const stock = [];
  for (const { sku } of skus) {
    for (const node of nodes) {
      const central = node.kind === 'CENTRAL';
      if (central || random() < 0.6) stock.push({ sku, nodeId: node.id, available: central ? 500 : Math.floor(random() * 15) });
    }
  }
  const orders = Array.from({ length: ORDERS }, (_, i) => {
    const [lat, lon] = pick(Object.values(CITIES));
    return {
      orderId: `o${i}`,
      placedAt: new Date(Date.UTC(2026, 11, 2, 7, 0, i)),
      region: 'cn',
      destination: { lat: lat + (random() - 0.5) * 0.3, lon: lon + (random() - 0.5) * 0.3 },
      serviceLevel: random() < 0.15 ? 'EXPRESS' : 'STANDARD',
      allowCrossBorder: false,
      lines: Array.from({ length: 1 + Math.floor(random() * 3) }, (_, l) => {
        const sku = pick(skus);
        return { lineNo: l + 1, sku: sku.sku, quantity: 1 + Math.floor(random() * 2), unitWeightGrams: sku.grams };
      }),
    };
  });
  return { orders, stock };
}

function measure(plans, orders) {
  const byId = new Map(orders.map((order) => [order.orderId, order]));
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  let co2 = 0,
    cost = 0,
    hours = 0,
    shipments = 0,
    units = 0,
    short = 0;
  for (const plan of plans) {
    const order = byId.get(plan.orderId);
    const grams = new Map(order.lines.map((line) => [line.lineNo, line.unitWeightGrams]));
    short += plan.backordered.reduce((sum, line) => sum + line.quantity, 0);
    for (const shipment of plan.shipments) {
      const node = nodeById.get(shipment.nodeId);
      const g = shipment.lines.reduce((sum, line) => sum + line.quantity * grams.get(line.lineNo), 0);
      const km = distanceKm(node.location, order.destination);
      const deliveryMode = deliveryModeOf({ serviceLevel: order.serviceLevel, nodeKind: node.kind, km, grams: g });
      const carbon = shipmentCarbon(CURRENT_CARBON_FACTORS, { deliveryMode, greatCircleKm: km, grossGrams: g, packagingMaterialGrams: 0 });
      co2 += carbon.totalGrams;
      cost += shipment.lane.baseCost + (shipment.lane.costPerKg * g) / 1000;
      hours += ((shipment.etaAt.getTime() - order.placedAt.getTime()) / 3_600_000) * shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
      units += shipment.lines.reduce((sum, line) => sum + line.quantity, 0);
      shipments += 1;
    }
  }
  return { co2, cost, hours: hours / Math.max(1, units), shipments, short };
}

const SETTINGS = [
  ['cost only', { cost: 1, time: 0, carbon: 0, splitPenalty: 300 }],
  ['cost + time, carbon 0', { cost: 1, time: 20, carbon: 0, splitPenalty: 300 }],
  ['default (carbon 10/kg)', { cost: 1, time: 20, carbon: 10, splitPenalty: 300 }],
  ['carbon 1,000/kg', { cost: 1, time: 20, carbon: 1_000, splitPenalty: 300 }],
  ['carbon 10,000/kg', { cost: 1, time: 20, carbon: 10_000, splitPenalty: 300 }],
];
const solver = new HighsSolver();
console.log(
  `carbon routing bench: ${CASES} × ${ORDERS} orders, ${nodes.length} nodes (2 cheap distant DCs, forward warehouses and stores near customers); factors ${CURRENT_CARBON_FACTORS.version}`,
);
console.log(
  'weights                 | kg CO2e per order (vs cost-only) | cost per order (vs cost-only) | mean hours to delivery | shipments | units short | method',
);
try {
  const results = new Map(SETTINGS.map(([name]) => [name, []]));
  for (let c = 0; c < CASES; c += 1) {
    const { orders, stock } = generate();
    for (const [name, weights] of SETTINGS) {
      const state = AllocationState.of(nodes, stock);
      const batch = await planBatch(orders, nodes, weights, state, solver, settings);
      results.get(name).push({ ...measure(batch.plans, orders), method: batch.method });
    }
  }
  const mean = (rows, key) => rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
  const base = results.get('cost only');
  for (const [name] of SETTINGS) {
    const rows = results.get(name);
    const co2 = mean(rows, 'co2') / ORDERS / 1000;
    const cost = mean(rows, 'cost') / ORDERS;
    const dCo2 = 100 * (mean(rows, 'co2') / mean(base, 'co2') - 1);
    const dCost = 100 * (mean(rows, 'cost') / mean(base, 'cost') - 1);
    console.log(
      `${name.padEnd(23)} | ${co2.toFixed(3).padStart(8)} (${dCo2.toFixed(1).padStart(6)} %)${' '.repeat(8)} | ${cost.toFixed(0).padStart(6)} (${dCost.toFixed(1).padStart(6)} %)${' '.repeat(7)} | ${mean(rows, 'hours').toFixed(1).padStart(22)} | ${mean(rows, 'shipments').toFixed(0).padStart(9)} | ${mean(rows, 'short').toFixed(0).padStart(11)} | ${[...new Set(rows.map((r) => r.method))].join('/')}`,
    );
  }
} finally {
  await solver.close();
}

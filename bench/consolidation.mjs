// Low-carbon delivery on generated orders: customers order several times over four weeks; a share of their orders
// (31 %, the uptake IKEA reports) choose CONSOLIDATED and wait up to the option's window for the same customer's
// other consolidated orders to the same address, leaving as one consignment by the earliest member's deadline.
// Prints CO2e (ISO 14083 / GLEC factors, current version) of sending every order alone against that, boxes saved,
// and the CPU the planning costs.
//
//   node bench/consolidation.mjs [--customers 3000] [--uptake 0.31] [--days 28]
import { parseArgs } from 'node:util';
import { DEFAULT_BOXES } from '@hub/fulfilment/packing/domain/box-catalogue';
import { binpackingPacker } from '@hub/fulfilment/packing/domain/box-packer';
import { choosePacking, unitsOf } from '@hub/fulfilment/packing/domain/box-choice.rules';
import { planConsignments } from '@hub/fulfilment/consolidation/domain/consolidation.rules';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { DELIVERY_OPTION_SPECS, decideDelivery, optionCarbonGrams } from '@hub/shared/green/delivery-options.rules';

const { values } = parseArgs({
  options: { customers: { type: 'string', default: '3000' }, uptake: { type: 'string', default: '0.31' }, days: { type: 'string', default: '28' } },
});
const CUSTOMERS = Number(values.customers);
const UPTAKE = Number(values.uptake);
const DAYS = Number(values.days);
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 1);

let seed = 16;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const between = (low, high) => Math.round(low + random() * (high - low));
const SKUS = Array.from({ length: 30 }, (_, i) => {
  const size = i < 20 ? [between(80, 220), between(60, 160), between(15, 90)] : [between(150, 350), between(100, 250), between(60, 180)];
  return {
    sku: `S${i}`,
    weightGrams: Math.round(((size[0] * size[1] * size[2]) / 1000) * (0.15 + random() * 0.35)),
    lengthMm: size[0],
    widthMm: size[1],
    heightMm: size[2],
  };
});

// Orders: 1-6 per customer over the period (a skew towards few), 1-3 lines each; one address and distance per customer.
const orders = [];
for (let c = 0; c < CUSTOMERS; c += 1) {
  const km = between(30, 800);
  const count = 1 + Math.floor(random() ** 1.6 * 6);
  for (let o = 0; o < count; o += 1) {
    const lines = Array.from({ length: 1 + Math.floor(random() ** 2 * 3) }, (_, index) => ({
      lineNo: index + 1,
      ...SKUS[Math.floor(random() ** 1.4 * SKUS.length)],
      quantity: 1 + Math.floor(random() ** 3 * 2),
    }));
    orders.push({ id: `${c}-${o}`, customer: `k${c}`, km, at: T0 + random() * DAYS * DAY, lines, consolidated: random() < UPTAKE });
  }
}
orders.sort((a, b) => a.at - b.at);

const factors = CURRENT_CARBON_FACTORS;
const unitsOfOrders = (list) => unitsOf(list.flatMap((order, i) => order.lines.map((line) => ({ ...line, lineNo: i * 10 + line.lineNo }))));
function shipment(list, option) {
  const packing = choosePacking(unitsOfOrders(list), DEFAULT_BOXES, binpackingPacker);
  const board = packing.parcels.reduce((sum, parcel) => sum + parcel.box.materialGrams, 0);
  const goods = list.reduce((sum, order) => sum + order.lines.reduce((g, line) => g + line.quantity * line.weightGrams, 0), 0);
  const facts = { greatCircleKm: list[0].km, grossGrams: goods + board, packagingMaterialGrams: board };
  return { grams: optionCarbonGrams(factors, option, facts), boxes: packing.parcels.length, board };
}

// Baseline: every order alone, standard. Scenario: consolidated orders grouped by planConsignments as fulfilment does.
const alone = new Map(orders.map((order) => [order.id, shipment([order], 'STANDARD')]));
const baseline = [...alone.values()].reduce((sum, s) => ({ grams: sum.grams + s.grams, boxes: sum.boxes + s.boxes }), { grams: 0, boxes: 0 });

const cpu0 = process.cpuUsage();
const byId = new Map(orders.map((order) => [order.id, order]));
let held = [];
const consignments = [];
const release = (now) => {
  for (const plan of planConsignments(held, new Date(now))) {
    if (!plan.release && now !== Infinity) continue;
    consignments.push(plan.orderIds.map((id) => byId.get(id)));
    const gone = new Set(plan.shipmentIds);
    held = held.filter((h) => !gone.has(h.shipmentId));
  }
};
for (const order of orders) {
  release(order.at);
  if (!order.consolidated) continue;
  const choice = decideDelivery(new Date(order.at), 'CONSOLIDATED');
  const transit = DELIVERY_OPTION_SPECS.CONSOLIDATED.transitHours * 3_600_000;
  const holdUntil = new Date(Math.min(choice.consolidateUntil.getTime(), choice.promisedBy.getTime() - transit));
  const grams = order.lines.reduce((g, line) => g + line.quantity * line.weightGrams, 0);
  held.push({ shipmentId: order.id, orderId: order.id, consolidationKey: order.customer, nodeId: 'dc', holdUntil, grams });
}
release(Infinity);
const cpuPlan = process.cpuUsage(cpu0);

let scenario = { grams: 0, boxes: 0 };
for (const order of orders.filter((o) => !o.consolidated))
  scenario = { grams: scenario.grams + alone.get(order.id).grams, boxes: scenario.boxes + alone.get(order.id).boxes };
let vanOnly = 0;
for (const members of consignments) {
  const merged = shipment(members, 'CONSOLIDATED');
  scenario = { grams: scenario.grams + merged.grams, boxes: scenario.boxes + merged.boxes };
  // What the quote promises per order (no merging of parcels): the van's load-factor share alone.
  vanOnly += members.reduce((sum, order) => sum + alone.get(order.id).grams - shipment([order], 'CONSOLIDATED').grams, 0);
}
const chosen = orders.filter((o) => o.consolidated).length;
const merged = consignments.filter((members) => members.length > 1).length;
const kg = (grams) => (grams / 1000).toFixed(1);
console.log(
  `consolidation bench: ${CUSTOMERS} customers, ${orders.length} orders over ${DAYS} days, uptake ${(100 * UPTAKE).toFixed(0)} %; factors ${factors.version}`,
);
console.log(
  `chose CONSOLIDATED: ${chosen} orders (${((100 * chosen) / orders.length).toFixed(1)} %) → ${consignments.length} consignments (${merged} merging 2+ orders; ${(chosen / consignments.length).toFixed(2)} orders per consignment)`,
);
console.log('                         | shipments/boxes | kg CO2e');
console.log(`every order alone (std) | ${String(baseline.boxes).padStart(15)} | ${kg(baseline.grams).padStart(7)}`);
console.log(`with low-carbon option  | ${String(scenario.boxes).padStart(15)} | ${kg(scenario.grams).padStart(7)}`);
const saved = baseline.grams - scenario.grams;
console.log(
  `saved: ${kg(saved)} kg CO2e (${((100 * saved) / baseline.grams).toFixed(2)} % of all orders' delivery CO2e; ${(saved / chosen).toFixed(0)} g per consolidated order), ${baseline.boxes - scenario.boxes} boxes; of the saving, ${kg(vanOnly)} kg is the van load factor the quote shows, the rest merged parcels`,
);
console.log(`CPU: ${(((cpuPlan.user + cpuPlan.system) / 1000 / orders.length) * 1000).toFixed(1)} µs per order to plan consignments (planConsignments)`);

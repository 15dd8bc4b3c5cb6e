// Demo data for `npm start`: a few hundred orders across the three regions, in various statuses, placed and
// moved through the gateway exactly as clients would, so the demo exercises the whole path.
import { mintToken } from '@hub/shared/auth/jwt';

const ORDERS_PER_REGION = 100;
const CONCURRENCY = 8;
const FLOW = ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];
const CATALOGUE = [
  { sku: 'TEA-LJ-250', name: 'Longjing green tea 250 g', unitPrice: 12800, category: 'food' },
  { sku: 'MUG-CER-01', name: 'Ceramic mug', unitPrice: 2500, category: 'home' },
  { sku: 'HDP-BT-200', name: 'Bluetooth headphones', unitPrice: 39900, category: 'electronics' },
  { sku: 'TSH-ORG-M', name: 'Organic T-shirt M', unitPrice: 1999, category: 'apparel', size: 'M' },
];

/** A small deterministic generator: the same demo data on every machine. */
function random(seed) {
  let state = seed;
  return () => ((state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32);
}

const REGIONS = {
  cn: {
    mutation: 'mutation($input: PlaceCnOrderInput!) { order: placeCnOrder(input: $input) { id } }',
    taxRate: 0.13,
    input: (i) => ({
      customer: { name: `顾客${i}`, phone: `138${String(10000000 + i).slice(-8)}` },
      shippingAddress: { recipientName: `顾客${i}`, recipientPhone: `138${String(10000000 + i).slice(-8)}`, province: '浙江省', city: '杭州市', district: '西湖区', street: `文三路 ${i} 号` },
    }),
  },
  de: {
    mutation: 'mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }',
    taxRate: 0.19,
    input: (i) => ({
      customer: { name: `Kunde ${i}`, email: `kunde${i}@example.de` },
      shippingAddress: { recipientName: `Kunde ${i}`, street: 'Hauptstraße', houseNumber: String(i), postalCode: '10115', city: 'Berlin', country: 'DE' },
    }),
  },
  sea: {
    mutation: 'mutation($input: PlaceSeaOrderInput!) { order: placeSeaOrder(input: $input) { id } }',
    taxRate: 0.07,
    input: (i) => ({
      currency: 'THB',
      customer: { name: `Customer ${i}`, phone: `+6681${String(1000000 + i).slice(-7)}` },
      shippingAddress: { recipientName: `Customer ${i}`, recipientPhone: `+6681${String(1000000 + i).slice(-7)}`, line1: `${i} Sukhumvit Rd`, city: 'Bangkok', province: 'Bangkok', postalCode: '10110', country: 'TH' },
    }),
  },
};

export async function seedDemoData(gatewayUrl, jwt, trackingUrl = 'http://127.0.0.1:4007') {
  const admin = await mintToken(jwt, { subject: 'seed-admin', role: 'admin', regions: [] });
  const existing = await call(gatewayUrl, admin, '{ orders(first: 1) { nodes { id } } }');
  if (existing.orders.nodes.length > 0) {
    console.log('demo data already present; not seeding again');
    return;
  }
  const next = random(20261125);
  const jobs = Object.entries(REGIONS).flatMap(([region, spec]) =>
    Array.from({ length: ORDERS_PER_REGION }, (_, i) => () => seedOrder(gatewayUrl, jwt, region, spec, i, next)));
  const started = Date.now();
  const orders = await runWithConcurrency(jobs, CONCURRENCY);
  console.log(`seeded ${jobs.length} demo orders in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await seedTracking(gatewayUrl, trackingUrl, jwt, orders.filter((order) => TRAVELLING.includes(order.status)));
}

const TRAVELLING = ['OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];
const CARRIERS = { cn: 'sf-express', de: 'dhl-de', sea: 'jnt-sea' };
const HOUR = 3_600_000;

/**
 * Journeys for the orders that left the warehouse: a shipment with route and promise per order, the steps a
 * carrier reported (the milestones are already in core, so only the steps between nodes are sent), one storm
 * that makes a few parcels late (delay tasks on the next sweep) and a few parcels idle at a sorting centre
 * (dwell tasks). Tracking's sweep runs every minute, so the tasks appear in the console shortly after start.
 */
async function seedTracking(gatewayUrl, trackingUrl, jwt, orders) {
  const now = Date.now();
  const route = (region) => [`${region.toUpperCase()}-WH`, `${region.toUpperCase()}-SORT`, `${region.toUpperCase()}-HUB`, `${region.toUpperCase()}-STATION`];
  let events = 0;
  for (const [i, order] of orders.entries()) {
    const operator = await mintToken(jwt, { subject: `demo-operator-${order.region}`, role: 'operator', regions: [order.region] });
    const carrierId = CARRIERS[order.region];
    const trackingNumber = `${carrierId.toUpperCase().replaceAll('-', '')}${String(100000 + i)}`;
    const late = i % 7 === 0;
    await call(gatewayUrl, operator, 'mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { userErrors { code } } }', {
      input: { orderId: order.id, carrierId, trackingNumber, route: route(order.region), promisedBy: new Date(now + (late ? 6 : 48) * HOUR).toISOString() },
    });
    const carrier = await mintToken(jwt, { subject: carrierId, role: 'carrier', regions: [order.region] });
    const idle = i % 11 === 0 && order.status !== 'SIGNED';
    const [, sort, hub] = route(order.region);
    const steps = [
      { kind: 'LABEL_CREATED', nodeId: route(order.region)[0], nodeType: 'WAREHOUSE', at: now - 30 * HOUR },
      { kind: 'ARRIVED_AT_NODE', nodeId: sort, nodeType: 'SORTING_CENTER', at: now - (idle ? 10 : 20) * HOUR, latitude: 30.27, longitude: 120.15 },
      ...(idle ? [] : [{ kind: 'DEPARTED_NODE', nodeId: sort, nodeType: 'SORTING_CENTER', at: now - 18 * HOUR }, { kind: 'ARRIVED_AT_NODE', nodeId: hub, nodeType: 'HUB', at: now - 2 * HOUR, latitude: 31.23, longitude: 121.47 }]),
    ];
    const response = await fetch(`${trackingUrl}/carrier-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${carrier}` },
      body: JSON.stringify({ events: steps.map(({ at, ...step }, n) => ({ eventId: `demo-${trackingNumber}-${n}`, trackingNumber, orderId: order.id, occurredAt: new Date(at).toISOString(), actorId: `courier-${i % 30}`, ...step })) }),
    });
    if (!response.ok) throw new Error(`seeding carrier events failed: ${response.status}`);
    events += steps.length;
  }
  const admin = await mintToken(jwt, { subject: 'seed-admin', role: 'admin', regions: [] });
  await call(gatewayUrl, admin, 'mutation($input: DisruptionReportInput!) { disruptionReport(input: $input) { userErrors { code } } }', {
    input: { id: 'demo-storm-cn', kind: 'WEATHER', lane: 'CN-HUB>CN-STATION', factor: 2.5, startsAt: new Date(now - HOUR).toISOString(), endsAt: new Date(now + 12 * HOUR).toISOString() },
  });
  console.log(`seeded ${orders.length} shipments with ${events} tracking events, one storm; delay and dwell tasks appear on tracking's next sweep`);
}

async function seedOrder(gatewayUrl, jwt, region, spec, i, next) {
  const customer = await mintToken(jwt, { subject: `demo-${region}-${i % 40}`, role: 'customer', regions: [region] });
  const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, n) => {
    const item = CATALOGUE[(i + n) % CATALOGUE.length];
    const { category, size, ...rest } = item;
    return { ...rest, quantity: 1 + Math.floor(next() * 3), unitTax: Math.round(item.unitPrice * spec.taxRate), attributes: { category, ...(size ? { size } : {}) } };
  });
  const { order } = await call(gatewayUrl, customer, spec.mutation, {
    input: { idempotencyKey: `demo-seed-${region}-${i}`, lines, ...spec.input(i) },
  });
  const operator = await mintToken(jwt, { subject: `demo-operator-${region}`, role: 'operator', regions: [region] });
  const cancel = next() < 0.1;
  const steps = cancel ? ['CANCELLED'] : FLOW.slice(0, Math.floor(next() * (FLOW.length + 1)));
  let version = 1;
  for (const status of steps) {
    await call(gatewayUrl, operator, 'mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }', {
      input: { orderId: order.id, status, expectedVersion: version },
    });
    version += 1;
  }
  return { id: order.id, region, status: steps.at(-1) ?? 'CREATED' };
}

async function call(url, token, query, variables = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`seeding failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function runWithConcurrency(jobs, limit) {
  let index = 0;
  const results = new Array(jobs.length);
  await Promise.all(Array.from({ length: limit }, async () => {
    while (index < jobs.length) {
      const mine = index++;
      results[mine] = await jobs[mine]();
    }
  }));
  return results;
}

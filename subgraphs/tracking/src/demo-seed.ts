import { readFileSync } from 'node:fs';
import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { runWithConcurrency } from '@hub/shared/demo/demo-seed';

/** A stop on a demo route: node id, node type, and where it is, so the journey can be drawn on a map. */
type Stop = readonly [nodeId: string, nodeType: string, latitude: number, longitude: number];

/** One carrier per region and a plausible route from the region's warehouse to the customer's door. */
const ROUTES: Record<string, { carrier: string; prefix: string; stops: readonly Stop[] }> = {
  cn: {
    carrier: 'sf-express',
    prefix: 'SF',
    stops: [
      ['WH-HZ', 'WAREHOUSE', 30.27, 120.15],
      ['HZ-SORT', 'SORTING_CENTER', 30.32, 120.21],
      ['SH-HUB', 'HUB', 31.23, 121.47],
      ['SH-STATION', 'DELIVERY_STATION', 31.2, 121.44],
      ['SH-DOOR', 'DOORSTEP', 31.19, 121.43],
    ],
  },
  de: {
    carrier: 'dhl-de',
    prefix: 'DHL',
    stops: [
      ['WH-BER', 'WAREHOUSE', 52.52, 13.4],
      ['LEJ-SORT', 'SORTING_CENTER', 51.34, 12.37],
      ['MUC-HUB', 'HUB', 48.14, 11.58],
      ['MUC-STATION', 'DELIVERY_STATION', 48.15, 11.55],
      ['MUC-DOOR', 'DOORSTEP', 48.16, 11.56],
    ],
  },
  sea: {
    carrier: 'ninja-van',
    prefix: 'NV',
    stops: [
      ['WH-SG', 'WAREHOUSE', 1.35, 103.82],
      ['SG-SORT', 'SORTING_CENTER', 1.33, 103.89],
      ['JB-HUB', 'HUB', 1.49, 103.74],
      ['KL-STATION', 'DELIVERY_STATION', 3.14, 101.69],
      ['KL-DOOR', 'DOORSTEP', 3.15, 101.7],
    ],
  },
};

/** The carrier's scans in journey order, each at a stop of the route; a parcel stops somewhere along it. */
const SCANS: ReadonlyArray<readonly [kind: string, stop: number]> = [
  ['OUTBOUND', 0],
  ['FIRST_SCAN', 1],
  ['ARRIVED_AT_NODE', 2],
  ['DEPARTED_NODE', 2],
  ['ARRIVED_AT_NODE', 3],
  ['OUT_FOR_DELIVERY', 3],
  ['SIGNED', 4],
];
/** How far the i-th parcel has come: a mix of in-transit, out-for-delivery and delivered parcels. */
const PROGRESS = [2, 3, 6, 7, 7];
const HOUR = 3_600_000;
const CONCURRENCY = 4;

/**
 * Tracking's demo for `npm start`: parcels for the regions' packed demo orders, scanned along a route by the
 * region's carrier (so core's milestones move through the command path), a parcel promised too soon (a delay
 * warning) and one idle at a hub for ten hours (a dwell alert). It runs after the regions' seeds.
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  const admin = await context.token({ subject: 'seed-admin', role: 'admin', regions: [] });
  for (const [region, route] of Object.entries(ROUTES)) {
    const orders = async (status: string) =>
      (
        await context.graphql(
          admin,
          'query($region: String, $status: OrderStatus) { orders(first: 40, filter: { region: $region, status: $status }) { nodes { id } } }',
          { region, status },
        )
      ).orders.nodes as Array<{ id: string }>;
    const operator = await context.token({ subject: `demo-operator-${region}`, role: 'operator', regions: [region] });
    const carrier = await context.token({ subject: route.carrier, role: 'carrier', regions: [region] });
    const packed = await orders('PACKED');
    await runWithConcurrency(
      packed.map((order, i) => () => shipParcel(context, operator, carrier, route, order.id, i)),
      CONCURRENCY,
    );
    const [waiting] = await orders('PAID');
    if (waiting) await idleAtHub(context, operator, carrier, route, waiting.id);
    context.log(`tracking: ${packed.length + (waiting ? 1 : 0)} demo parcels in ${region}`);
  }
}

async function shipParcel(context: DemoSeedContext, operator: string, carrier: string, route: (typeof ROUTES)[string], orderId: string, i: number) {
  const trackingNumber = `${route.prefix}${orderId.replaceAll('-', '').slice(-10).toUpperCase()}`;
  const progress = PROGRESS[i % PROGRESS.length]!;
  // The first parcel of each region is promised within two hours: more than its remaining legs take.
  const promisedBy = new Date(Date.now() + (i === 0 ? 2 : 72) * HOUR).toISOString();
  if (!(await register(context, operator, { orderId, carrierId: route.carrier, trackingNumber, promisedBy, route: route.stops.map(([nodeId]) => nodeId) })))
    return;
  // Core records a step only after the order's previous one, which the regions' seeds made moments ago.
  const start = Date.now();
  const events = SCANS.slice(0, progress).map(([kind, stop], n) =>
    scan(trackingNumber, orderId, kind, route.stops[stop]!, new Date(start + n * 1000), `${i}-${n}`),
  );
  await postCarrierEvents(carrier, events);
}

async function idleAtHub(context: DemoSeedContext, operator: string, carrier: string, route: (typeof ROUTES)[string], orderId: string) {
  const trackingNumber = `${route.prefix}DWELL${orderId.replaceAll('-', '').slice(-6).toUpperCase()}`;
  if (!(await register(context, operator, { orderId, carrierId: route.carrier, trackingNumber, route: route.stops.map(([nodeId]) => nodeId) }))) return;
  await postCarrierEvents(carrier, [scan(trackingNumber, orderId, 'ARRIVED_AT_NODE', route.stops[2]!, new Date(Date.now() - 10 * HOUR), 'dwell')]);
}

/** Registers a parcel unless an earlier start did: false when it was there already. */
async function register(context: DemoSeedContext, operator: string, input: { carrierId: string; trackingNumber: string } & Record<string, unknown>) {
  const known = await context.graphql(operator, 'query($n: String!, $c: String!) { shipmentByTrackingNumber(trackingNumber: $n, carrierId: $c) { id } }', {
    n: input.trackingNumber,
    c: input.carrierId,
  });
  if (known.shipmentByTrackingNumber) return false;
  const { shipmentRegister } = await context.graphql(
    operator,
    'mutation($input: ShipmentRegisterInput!) { shipmentRegister(input: $input) { userErrors { code field message } } }',
    { input },
  );
  if (shipmentRegister.userErrors.length > 0) throw new Error(`tracking demo seed: shipment refused: ${JSON.stringify(shipmentRegister.userErrors)}`);
  return true;
}

function scan(trackingNumber: string, orderId: string, kind: string, [nodeId, nodeType, latitude, longitude]: Stop, at: Date, suffix: string) {
  return { eventId: `demo-${trackingNumber}-${suffix}`, trackingNumber, orderId, kind, occurredAt: at.toISOString(), nodeId, nodeType, latitude, longitude };
}

const trackingUrl = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).hub.routingUrl as string).replace(/\/graphql$/, '');

async function postCarrierEvents(token: string, events: unknown[]) {
  const response = await fetch(`${trackingUrl}/carrier-events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { rejected?: unknown[] };
  if (!response.ok || body.rejected?.length)
    throw new Error(`tracking demo seed: carrier events refused (${response.status}): ${JSON.stringify(body.rejected ?? body)}`);
}

import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { runWithConcurrency, type DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { eventually } from '@hub/shared/testing/harness';

const HOUR = 3_600_000;
const FLOW = ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];
const PRODUCTS = [
  { sku: 'TEA-LJ-250', name: 'Longjing green tea 250 g', unitPrice: 12800 },
  { sku: 'MUG-CER-01', name: 'Ceramic mug', unitPrice: 2500 },
  { sku: 'HDP-BT-200', name: 'Bluetooth headphones', unitPrice: 39900 },
];
const phone = (i: number) => `138${String(10000000 + i).slice(-8)}`;

const REGIONS = {
  cn: {
    count: 12,
    taxRate: 0.13,
    mutation: 'mutation($input: PlaceCnOrderInput!) { order: placeCnOrder(input: $input) { id } }',
    input: (i: number) => ({
      customer: { name: `顾客${i}`, phone: phone(i) },
      shippingAddress: {
        recipientName: `顾客${i}`,
        recipientPhone: phone(i),
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        street: `文三路 ${i} 号`,
      },
    }),
  },
  de: {
    count: 4,
    taxRate: 0.19,
    mutation: 'mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }',
    input: (i: number) => ({
      customer: { name: `Kundin ${i}`, email: `kundin${i}@example.de` },
      shippingAddress: { recipientName: `Kundin ${i}`, street: 'Hauptstraße', houseNumber: String(i + 1), postalCode: '10115', city: 'Berlin', country: 'DE' },
    }),
  },
} as const;

/**
 * Demo orders like `npm start`'s (same customers, products and delivery flow, fewer of them so the suite
 * stays fast), placed through the gateway; each is moved along only once core has registered it, since the
 * region answers the placement before that.
 */
export async function seedConsoleDemo(context: DemoSeedContext): Promise<void> {
  // Regions price orders from the catalogue's price lists: the catalogue's own demo seed comes first.
  const catalogue = discoverHubServices().find((service) => service.name === 'catalogue');
  if (!catalogue?.seed) throw new Error('the catalogue workspace declares no demo seed');
  const { seedDemo } = (await import(pathToFileURL(catalogue.seed).href)) as { seedDemo: (context: DemoSeedContext) => Promise<void> };
  await seedDemo(context);
  // Placed first, so they are the oldest CN orders and the tests that take the newest ones never meet a return.
  const returned = Array.from({ length: RETURN_ORDERS }, (_, k) => ({ customerRef: `${RETURNS_CUSTOMER}-${k}`, id: '' }));
  await runWithConcurrency(
    returned.map((order, k) => async () => {
      order.id = await placeDemoOrder(context, 'cn', k, { customer: order.customerRef, key: `returns-${k}`, steps: FLOW });
    }),
    RETURN_ORDERS,
  );
  const regionCn = discoverHubServices().find((service) => service.name === 'region-cn');
  if (!regionCn?.seed) throw new Error('the region-cn workspace declares no demo seed');
  const { seedDemoReturns } = (await import(pathToFileURL(regionCn.seed).href)) as {
    seedDemoReturns: (context: DemoSeedContext, orders: Array<{ id: string; customerRef: string }>, ends: string[]) => Promise<void>;
  };
  await seedDemoReturns(context, returned, ['REFUNDED', 'REJECTED', 'WITHDRAWN', 'REQUESTED']);
  const jobs = Object.entries(REGIONS).flatMap(([region, spec]) =>
    Array.from({ length: spec.count }, (_, i) => async () => void (await placeDemoOrder(context, region as keyof typeof REGIONS, i))),
  );
  await runWithConcurrency(jobs, 6);
}

/** CN orders signed for and then returned (refunded, rejected, withdrawn, still requested), each its own customer. */
const RETURN_ORDERS = 4;
export const RETURNS_CUSTOMER = 'demo-cn-returns';

async function placeDemoOrder(
  context: DemoSeedContext,
  region: keyof typeof REGIONS,
  i: number,
  as: { customer?: string; key?: string; steps?: readonly string[] } = {},
): Promise<string> {
  const spec = REGIONS[region];
  const customer = await context.token({ subject: as.customer ?? `demo-${region}-${i % 5}`, role: 'customer', regions: [region] });
  // The region prices the lines from its catalogue copy, as the shared region demo does.
  const lines = [PRODUCTS[i % PRODUCTS.length]!, ...(i % 2 ? [PRODUCTS[(i + 1) % PRODUCTS.length]!] : [])].map((product, n) => ({
    sku: product.sku,
    quantity: 1 + ((i + n) % 3),
  }));
  const { order } = await placeOnceCatalogueHeld(() =>
    context.graphql(customer, spec.mutation, { input: { idempotencyKey: `console-demo-${region}-${as.key ?? i}`, lines, ...spec.input(i) } }),
  );
  await eventually(
    () => context.graphql(customer, `query($id: ID!) { found: ${region}Order(id: $id) { ${region} { registration } } }`, { id: order.id }),
    (read) => read.found?.[region]?.registration === 'REGISTERED',
    { attempts: 300, intervalMs: 100 },
  );
  const operator = await context.token({ subject: `demo-operator-${region}`, role: 'operator', regions: [region] });
  const steps = as.steps ?? (i === 5 ? ['CANCELLED'] : FLOW.slice(0, i % (FLOW.length + 1)));
  let version = 1;
  for (const status of steps) {
    await context.graphql(operator, 'mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }', {
      input: { orderId: order.id, status, expectedVersion: version },
    });
    version += 1;
  }
  return order.id;
}

const CATALOGUE_NOT_YET_HELD = /UNKNOWN_SKU|PRICE_NOT_FOUND|not in the catalogue|no price list|has no price/i;

/**
 * The region fills its catalogue copy from the stream while the catalogue's seed imports it, with no event the
 * test can wait on: a refusal for an SKU or price the region does not hold yet is retried (same idempotency key).
 */
async function placeOnceCatalogueHeld<T>(place: () => Promise<T>, attempts = 150): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await place();
    } catch (error) {
      if (attempt >= attempts || !CATALOGUE_NOT_YET_HELD.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The carrier events of one parcel from Hangzhou to Beijing; the last scan is old enough to raise a dwell alert. */
export function parcelEvents(orderId: string, trackingNumber: string, now = Date.now()) {
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR).toISOString();
  const stops = [
    { kind: 'FIRST_SCAN', nodeId: 'HGH-WH-1', nodeType: 'WAREHOUSE', latitude: 30.27, longitude: 120.15, occurredAt: at(13) },
    { kind: 'ARRIVED_AT_NODE', nodeId: 'SHA-SORT-2', nodeType: 'SORTING_CENTER', latitude: 31.15, longitude: 121.8, occurredAt: at(11) },
    { kind: 'DEPARTED_NODE', nodeId: 'SHA-SORT-2', nodeType: 'SORTING_CENTER', latitude: 31.15, longitude: 121.8, occurredAt: at(10) },
    { kind: 'ARRIVED_AT_NODE', nodeId: 'PEK-HUB-1', nodeType: 'HUB', latitude: 39.9, longitude: 116.4, occurredAt: at(9) },
  ];
  return stops.map((stop) => ({ eventId: randomUUID(), trackingNumber, orderId, actorId: 'courier-7', ...stop }));
}

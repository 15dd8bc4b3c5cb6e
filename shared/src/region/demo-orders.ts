import { runWithConcurrency, seededRandom, type DemoSeedContext } from '../demo/demo-seed.js';

/** How one region places a demo order: its placement mutation (aliased to `order { id }`) and its input. */
export interface RegionDemoOrders {
  region: string;
  mutation: string;
  /** The region's customer and address part of the i-th order's input. */
  input(i: number): Record<string, unknown>;
  count?: number;
}

const CONCURRENCY = 8;
const OPERATORS = 4;
const FLOW = ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];
/** SKUs of the catalogue's demo seed (subgraphs/catalogue/demo-seed.mjs), priced in every region's lists; the region prices them. */
const PRODUCTS = [{ sku: 'TEA-LJ-250' }, { sku: 'MUG-CER-01' }, { sku: 'HDP-BT-200' }, { sku: 'TSH-ORG-M', size: 'M' }];
const CATALOGUE_NOT_YET_HELD = /UNKNOWN_SKU|PRICE_NOT_FOUND|not in the catalogue|no price list|has no price/i;

/**
 * Places a region's demo orders through the gateway and moves most of them along the delivery flow (about
 * one in ten is cancelled), unless the region already has orders.
 */
export async function seedRegionDemoOrders(context: DemoSeedContext, spec: RegionDemoOrders): Promise<void> {
  const admin = await context.token({ subject: 'seed-admin', role: 'admin', regions: [] });
  const existing = await context.graphql(admin, 'query($region: String) { orders(first: 1, filter: { region: $region }) { nodes { id } } }', {
    region: spec.region,
  });
  if (existing.orders.nodes.length > 0) {
    context.log(`region ${spec.region}: demo orders already present`);
    return;
  }
  const next = seededRandom(20261125);
  const count = spec.count ?? 100;
  const jobs = Array.from({ length: count }, (_, i) => () => placeDemoOrder(context, spec, i, next));
  await runWithConcurrency(jobs, CONCURRENCY);
  context.log(`region ${spec.region}: seeded ${count} demo orders`);
}

async function placeDemoOrder(context: DemoSeedContext, spec: RegionDemoOrders, i: number, next: () => number): Promise<void> {
  const customer = await context.token({ subject: `demo-${spec.region}-${i % 40}`, role: 'customer', regions: [spec.region] });
  const lines = Array.from({ length: 1 + Math.floor(next() * 3) }, (_, n) => {
    const { sku, size } = PRODUCTS[(i + n) % PRODUCTS.length]!;
    return { sku, quantity: 1 + Math.floor(next() * 3), ...(size ? { attributes: { size } } : {}) };
  });
  const input = { idempotencyKey: `demo-seed-${spec.region}-${i}`, lines, ...spec.input(i) };
  const { order } = await placeOnceCatalogueHeld(() => context.graphql(customer, spec.mutation, { input }));
  // Several operators share the region's orders, as staff do: one would spend more than a person's mutation budget.
  const operator = await context.token({ subject: `demo-operator-${spec.region}-${i % OPERATORS}`, role: 'operator', regions: [spec.region] });
  const steps = next() < 0.1 ? ['CANCELLED'] : FLOW.slice(0, Math.floor(next() * (FLOW.length + 1)));
  if (steps.length > 0) await untilRegistered(context, operator, order.id);
  let version = 1;
  for (const status of steps) {
    await context.graphql(operator, 'mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }', {
      input: { orderId: order.id, status, expectedVersion: version },
    });
    version += 1;
  }
}

/**
 * The region answers before core registered the order (edge autonomy), and core moves only orders it knows:
 * wait until core's `order(id)` finds it, bounded.
 */
async function untilRegistered(context: DemoSeedContext, token: string, orderId: string, attempts = 240): Promise<void> {
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const found = await context.graphql(token, 'query($id: ID!) { order(id: $id) { id } }', { id: orderId }).catch((error: unknown) => {
      if (/NOT_FOUND/.test(String(error))) return { order: null };
      throw error;
    });
    if (found.order) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`demo seed: core did not register order ${orderId} within a minute`);
}

/**
 * The region fills its catalogue copy from the stream while the catalogue's own seed imports it, in another process
 * with no event this seed could wait on: a refusal for an SKU or price the region does not hold yet is retried
 * (bounded, same idempotency key), any other error is not.
 */
async function placeOnceCatalogueHeld<T>(place: () => Promise<T>, attempts = 120): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await place();
    } catch (error) {
      if (attempt >= attempts || !CATALOGUE_NOT_YET_HELD.test(String(error))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

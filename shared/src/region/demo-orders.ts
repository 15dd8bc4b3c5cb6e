import { runWithConcurrency, seededRandom, type DemoSeedContext } from '../demo/demo-seed.js';

/** How one region places a demo order: its placement mutation (aliased to `order { id }`) and its input. */
export interface RegionDemoOrders {
  region: string;
  mutation: string;
  taxRate: number;
  /** The region's customer and address part of the i-th order's input. */
  input(i: number): Record<string, unknown>;
  count?: number;
}

const CONCURRENCY = 8;
const FLOW = ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];
const PRODUCTS = [
  { sku: 'TEA-LJ-250', name: 'Longjing green tea 250 g', unitPrice: 12800, category: 'food' },
  { sku: 'MUG-CER-01', name: 'Ceramic mug', unitPrice: 2500, category: 'home' },
  { sku: 'HDP-BT-200', name: 'Bluetooth headphones', unitPrice: 39900, category: 'electronics' },
  { sku: 'TSH-ORG-M', name: 'Organic T-shirt M', unitPrice: 1999, category: 'apparel', size: 'M' },
];

/**
 * Places a region's demo orders through the gateway and moves most of them along the delivery flow (about
 * one in ten is cancelled), unless the region already has orders.
 */
export async function seedRegionDemoOrders(context: DemoSeedContext, spec: RegionDemoOrders): Promise<void> {
  const admin = await context.token({ subject: 'seed-admin', role: 'admin', regions: [] });
  const existing = await context.graphql(admin, 'query($region: String) { orders(first: 1, filter: { region: $region }) { nodes { id } } }', { region: spec.region });
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
    const { category, size, ...product } = PRODUCTS[(i + n) % PRODUCTS.length]!;
    return {
      ...product,
      quantity: 1 + Math.floor(next() * 3),
      unitTax: Math.round(product.unitPrice * spec.taxRate),
      attributes: { category, ...(size ? { size } : {}) },
    };
  });
  const { order } = await context.graphql(customer, spec.mutation, { input: { idempotencyKey: `demo-seed-${spec.region}-${i}`, lines, ...spec.input(i) } });
  const operator = await context.token({ subject: `demo-operator-${spec.region}`, role: 'operator', regions: [spec.region] });
  const steps = next() < 0.1 ? ['CANCELLED'] : FLOW.slice(0, Math.floor(next() * (FLOW.length + 1)));
  let version = 1;
  for (const status of steps) {
    await context.graphql(operator, 'mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }', {
      input: { orderId: order.id, status, expectedVersion: version },
    });
    version += 1;
  }
}

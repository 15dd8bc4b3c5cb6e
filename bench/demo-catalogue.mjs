// The demo catalogue for a bench's hub: imported through the gateway as `npm start` does, then awaited in region-cn's
// copy, which prices the bench's orders. Shared by the benches that place orders.
import pg from 'pg';
import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import { demoProducts, seedDemo } from '../subgraphs/catalogue/demo-seed.mjs';

/** SKU and quantity of a bench order: region-cn prices them from its copy of the demo catalogue. */
export const BENCH_LINES = [
  { sku: 'TEA-LJ-250', quantity: 1 },
  { sku: 'MUG-CER-01', quantity: 2 },
];

export async function seedDemoCatalogue(hub, env) {
  const jwt = { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  await seedDemo(createDemoSeedContext(`${hub.gatewayUrl}/graphql`, jwt, () => {}));
  // Another process's table: no event reaches the bench, so it reads until every product and cn's three lists are there.
  const client = new pg.Client({ connectionString: env.DATABASE_URL });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const { rows } = await client.query(`select count(*) filter (where kind = 'product')::int as products,
        count(*) filter (where kind = 'price-list' and key like 'cn-%')::int as lists from region_cn.catalogue_replica_item`);
      if (rows[0].products >= demoProducts().length && rows[0].lists >= 3) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error('region-cn did not receive the demo catalogue in time');
  } finally {
    await client.end();
  }
}

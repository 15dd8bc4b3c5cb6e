import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';
import { seedDemoReturns } from './demo-returns.js';

export { seedDemoReturns };

const phone = (i: number) => `138${String(10000000 + i).slice(-8)}`;

/** region-cn's demo orders for `npm start`, and returns in several states on a few of the signed ones. */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  await seedRegionDemoOrders(context, {
    region: 'cn',
    mutation: 'mutation($input: PlaceCnOrderInput!) { order: placeCnOrder(input: $input) { id } }',
    input: (i) => ({
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
  });
  const admin = await context.token({ subject: 'seed-admin', role: 'admin', regions: [] });
  const { cnReturns } = await context.graphql(admin, 'query { cnReturns(first: 1) { nodes { id } } }');
  if (cnReturns.nodes.length > 0) return context.log('region cn: demo returns already present');
  const { orders } = await context.graphql(admin, 'query { orders(first: 10, filter: { region: "cn", status: SIGNED }) { nodes { id customerRef } } }');
  await seedDemoReturns(context, orders.nodes);
  context.log(`region cn: seeded ${orders.nodes.length} demo returns`);
}

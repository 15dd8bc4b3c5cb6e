import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

const phone = (i: number) => `138${String(10000000 + i).slice(-8)}`;

/** region-cn's demo orders for `npm start`. */
export const seedDemo = (context: DemoSeedContext) =>
  seedRegionDemoOrders(context, {
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

import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

const phone = (i: number) => `+6681${String(1000000 + i).slice(-7)}`;

/** region-sea's demo orders for `npm start`. */
export const seedDemo = (context: DemoSeedContext) =>
  seedRegionDemoOrders(context, {
    region: 'sea',
    mutation: 'mutation($input: PlaceSeaOrderInput!) { order: placeSeaOrder(input: $input) { id } }',
    input: (i) => ({
      currency: 'THB',
      customer: { name: `Customer ${i}`, phone: phone(i) },
      shippingAddress: {
        recipientName: `Customer ${i}`,
        recipientPhone: phone(i),
        line1: `${i} Sukhumvit Rd`,
        city: 'Bangkok',
        province: 'Bangkok',
        postalCode: '10110',
        country: 'TH',
      },
    }),
  });

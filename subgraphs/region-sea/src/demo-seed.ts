import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

const phone = (i: number) => `+6681${String(1000000 + i).slice(-7)}`;
const address = (i: number) => ({
  recipientName: `Customer ${i}`,
  recipientPhone: phone(i),
  line1: `${i} Sukhumvit Rd`,
  city: 'Bangkok',
  province: 'Bangkok',
  postalCode: '10110',
  country: 'TH',
});

/**
 * region-sea's demo for `npm start`: its orders, and a returning mobile customer (`demo-sea-0`) with a saved address
 * (number 1), whom the start banner's HTTP/2 quick order uses. Saving the same address again answers the one saved.
 */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  await seedRegionDemoOrders(context, {
    region: 'sea',
    mutation: 'mutation($input: PlaceSeaOrderInput!) { order: placeSeaOrder(input: $input) { id } }',
    input: (i) => ({ currency: 'THB', customer: { name: `Customer ${i}`, phone: phone(i) }, shippingAddress: address(i) }),
  });
  const customer = await context.token({ subject: 'demo-sea-0', role: 'customer', regions: ['sea'] });
  await context.graphql(customer, 'mutation($input: SeaAddressSaveInput!) { seaAddressSave(input: $input) { savedAddress { number } } }', {
    input: { label: 'Home', address: address(0) },
  });
}

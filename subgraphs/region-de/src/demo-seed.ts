import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

/** region-de's demo orders for `npm start`. */
export const seedDemo = (context: DemoSeedContext) =>
  seedRegionDemoOrders(context, {
    region: 'de',
    mutation: 'mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }',
    input: (i) => ({
      customer: { name: `Kunde ${i}`, email: `kunde${i}@example.de` },
      shippingAddress: { recipientName: `Kunde ${i}`, street: 'Hauptstraße', houseNumber: String(i), postalCode: '10115', city: 'Berlin', country: 'DE' },
    }),
  });

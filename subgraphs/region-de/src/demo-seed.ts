import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

/** The demo customer whose processing is restricted, so the console's privacy view and the staff reads show one. */
export const DEMO_RESTRICTED_CUSTOMER = 'demo-de-7';

/** region-de's demo orders for `npm start`, and one customer who contested their data's accuracy (art. 18(1)(a)). */
export async function seedDemo(context: DemoSeedContext): Promise<void> {
  await seedRegionDemoOrders(context, {
    region: 'de',
    mutation: 'mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }',
    input: (i) => ({
      customer: { name: `Kunde ${i}`, email: `kunde${i}@example.de` },
      shippingAddress: { recipientName: `Kunde ${i}`, street: 'Hauptstraße', houseNumber: String(i), postalCode: '10115', city: 'Berlin', country: 'DE' },
    }),
  });
  // The same key on every start answers with the same restriction, lifted or not: the seed never adds a second.
  const agent = await context.token({ subject: 'demo-cs-de', role: 'customer_service', regions: ['de'], purpose: 'support' });
  const { deRestrictionRequest } = await context.graphql(
    agent,
    'mutation($input: DeRestrictionRequestInput!) { deRestrictionRequest(input: $input) { userErrors { code } restriction { inForce } } }',
    {
      input: {
        customerRef: DEMO_RESTRICTED_CUSTOMER,
        ground: 'ACCURACY_CONTESTED',
        note: 'Demo: the customer contests the delivery address on file',
        idempotencyKey: 'demo-seed-de-restriction',
      },
    },
  );
  context.log(
    deRestrictionRequest.userErrors.length === 0
      ? `region de: processing of ${DEMO_RESTRICTED_CUSTOMER} restricted (art. 18)`
      : `region de: demo restriction not recorded (${deRestrictionRequest.userErrors[0].code})`,
  );
}

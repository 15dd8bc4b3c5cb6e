import { randomUUID } from 'node:crypto';
import type { DemoSeedContext } from '@hub/shared/demo/demo-seed';
import { seedRegionDemoOrders } from '@hub/shared/region/demo-orders';

const HOUR = 3_600_000;
const phone = (i: number) => `138${String(10000000 + i).slice(-8)}`;

/**
 * A smaller cut of `npm start`'s demo data (the same seeding code, fewer orders, so the suite stays fast):
 * orders in CN and DE moved along the delivery flow by a demo operator.
 */
export async function seedConsoleDemo(context: DemoSeedContext): Promise<void> {
  await Promise.all([
    seedRegionDemoOrders(context, {
      region: 'cn', count: 12, taxRate: 0.13,
      mutation: 'mutation($input: PlaceCnOrderInput!) { order: placeCnOrder(input: $input) { id } }',
      input: (i) => ({
        customer: { name: `顾客${i}`, phone: phone(i) },
        shippingAddress: { recipientName: `顾客${i}`, recipientPhone: phone(i), province: '浙江省', city: '杭州市', district: '西湖区', street: `文三路 ${i} 号` },
      }),
    }),
    seedRegionDemoOrders(context, {
      region: 'de', count: 4, taxRate: 0.19,
      mutation: 'mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }',
      input: (i) => ({
        customer: { name: `Kundin ${i}`, email: `kundin${i}@example.de` },
        shippingAddress: { recipientName: `Kundin ${i}`, street: 'Hauptstraße', houseNumber: String(i + 1), postalCode: '10115', city: 'Berlin', country: 'DE' },
      }),
    }),
  ]);
}

/** The carrier events of one parcel from Hangzhou to a doorstep in Shanghai; the last scan is old enough to raise a dwell alert. */
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

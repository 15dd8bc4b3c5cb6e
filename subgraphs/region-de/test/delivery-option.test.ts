import { randomUUID } from 'node:crypto';
import { eventually, postGraphQL } from '@hub/shared/testing/harness';
import { orderInput, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/**
 * The low-carbon delivery choice at placement (issue 16): recorded on the regional order and on core's Order; the
 * address leaves the region only as a keyed hash that is equal for the same customer's orders to the same address.
 */
let hub: DeTestHub;
beforeAll(async () => {
  hub = await startDeTestHub('de-delivery');
});
afterAll(async () => hub?.close());

const PLACE = `mutation($input: PlaceDeOrderInput!) { deOrderPlace(input: $input) { order { id } userErrors { code field message } } }`;
const home = { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin', country: 'DE' };

it('records the option and its promise on the regional order and core’s Order, grouping by a keyed hash of the address', async () => {
  const subject = `cust-de-green-${randomUUID()}`;
  const token = await hub.token({ subject, role: 'customer', regions: ['de'] });
  const place = async (shippingAddress: typeof home, delivery: Record<string, unknown>) => {
    const { data, errors } = await hub.gql(PLACE, { input: orderInput({ shippingAddress, delivery }) }, token);
    expect(errors).toBeUndefined();
    expect(data.deOrderPlace.userErrors).toEqual([]);
    return data.deOrderPlace.order.id as string;
  };
  const first = await place(home, { option: 'CONSOLIDATED' });
  const second = await place({ ...home, street: 'INVALIDENSTRASSE'.toLowerCase().replace('ss', 'ß') + ' ', city: 'berlin' }, { option: 'CONSOLIDATED' });
  const elsewhere = await place({ ...home, houseNumber: '117' }, { option: 'CONSOLIDATED' });
  const express = await place(home, { option: 'EXPRESS' });

  const rows = await hub.sql<{
    order_id: string;
    delivery: { option: string; promisedBy: string; consolidateUntil: string | null; consolidationKey: string | null };
  }>(`select order_id, registration_request->'delivery' as delivery from region_de.regional_order where customer_ref = ?`, [subject]);
  const byId = new Map(rows.map((row) => [row.order_id, row.delivery]));
  expect(byId.get(first)!.consolidationKey).toMatch(/^[0-9a-f]{64}$/);
  expect(byId.get(second)!.consolidationKey).toBe(byId.get(first)!.consolidationKey);
  expect(byId.get(elsewhere)!.consolidationKey).not.toBe(byId.get(first)!.consolidationKey);
  expect(byId.get(express)).toMatchObject({ option: 'EXPRESS', consolidateUntil: null, consolidationKey: null });
  // Nothing of the address travels: the command to core carries the hash only.
  expect(JSON.stringify(rows)).not.toMatch(/Invalidenstra|10115|Berlin/i);

  await hub.region.commands.whenIdle();
  const admin = await hub.token({ subject: 'admin-green', role: 'admin', regions: [] });
  const core = await postGraphQL(hub.core.url, `query($id: ID!) { order(id: $id) { delivery { option promisedBy consolidateUntil } } }`, { id: first }, admin);
  expect(core.errors).toBeUndefined();
  expect(core.data.order.delivery).toEqual({
    option: 'CONSOLIDATED',
    promisedBy: byId.get(first)!.promisedBy,
    consolidateUntil: byId.get(first)!.consolidateUntil,
  });

  // The region's period summary, as core receives it, reports the uptake and the CO2e saved against standard.
  await hub.region.summaries.publishDue();
  const readSummary = async () =>
    (await postGraphQL(hub.core.url, `{ regionSummaries(region: "de", first: 1) { ordersPlaced metrics } }`, {}, admin)).data?.regionSummaries?.[0] as
      { ordersPlaced: number; metrics: Record<string, number> } | undefined;
  const summary = await eventually(readSummary, (s) => s?.metrics.lowCarbonOrders === 3);
  expect(summary!.metrics.lowCarbonUptakePercent).toBeCloseTo((3 / summary!.ordersPlaced) * 100, 1);
  expect(summary!.metrics.co2eSavedGrams).toBeGreaterThan(0);
});

it('refuses a consolidation window that would break the promised date, naming the field, and stores nothing', async () => {
  const subject = `cust-de-green-${randomUUID()}`;
  const token = await hub.token({ subject, role: 'customer', regions: ['de'] });
  const tooLate = new Date(Date.now() + 6 * 86_400_000).toISOString();
  const { data } = await hub.gql(PLACE, { input: orderInput({ delivery: { option: 'CONSOLIDATED', consolidateUntil: tooLate } }) }, token);
  expect(data.deOrderPlace).toEqual({
    order: null,
    userErrors: [{ code: 'CONSOLIDATION_WINDOW_BEYOND_PROMISE', field: ['input', 'delivery', 'consolidateUntil'], message: expect.any(String) }],
  });
  const [stored] = await hub.sql(`select count(*)::int as n from region_de.regional_order where customer_ref = ?`, [subject]);
  expect(stored.n).toBe(0);
});

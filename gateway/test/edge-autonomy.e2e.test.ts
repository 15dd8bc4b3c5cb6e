import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { cnOrderInput } from './support/cn-order.js';

/**
 * Regions keep selling while core-orders is down: placements, a CN return request and a SEA refusal are
 * answered by the regions alone, and core applies each of them exactly once, in order, when it is back.
 */
const scope = createTestScope('edge');
let hub: HubProcesses;
let db: pg.Client;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Each region prices SKU-1 from its copy of this catalogue.
  await publishTestCatalogue(scope.env, [
    { region: 'cn', currencies: ['CNY'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
    { region: 'de', currencies: ['EUR'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
    { region: 'sea', currencies: ['THB'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
  ]);
  hub = await startHubProcesses(scope.env, { COMMAND_RETRY_MAX_MS: '2000' });
  db = new pg.Client({ connectionString: scope.env.DATABASE_URL });
  await db.connect();
  const principals = {
    admin: { subject: 'admin-edge', role: 'admin', regions: [] },
    cn: { subject: 'cust-cn-edge', role: 'customer', regions: ['cn'] },
    de: { subject: 'cust-de-edge', role: 'customer', regions: ['de'] },
    sea: { subject: 'cust-sea-edge', role: 'customer', regions: ['sea'] },
    seaCarrier: { subject: 'rider-edge', role: 'carrier', regions: ['sea'] },
  } as const;
  for (const [name, principal] of Object.entries(principals)) tokens[name] = await scope.token({ ...principal, regions: [...principal.regions] });
}, 180_000);

afterAll(async () => {
  await db?.end();
  await hub?.close();
  await scope.dispose();
});

const gql = (query: string, variables: Record<string, unknown>, token: string) => postGraphQL(hub.gatewayUrl, query, variables, token);
type Region = 'cn' | 'de' | 'sea';
const line = { sku: 'SKU-1', quantity: 2 };
const inputs: Record<Region, () => Record<string, unknown>> = {
  cn: () => cnOrderInput([line]),
  de: () => ({
    idempotencyKey: randomUUID(),
    lines: [line],
    customer: { name: 'Anna Schmidt', email: 'anna@example.de' },
    shippingAddress: { recipientName: 'Anna Schmidt', street: 'Hauptstraße', houseNumber: '5', postalCode: '10115', city: 'Berlin', country: 'DE' },
  }),
  sea: () => ({
    idempotencyKey: randomUUID(),
    lines: [line],
    currency: 'THB',
    payment: 'COD',
    customer: { name: 'Somchai P.', phone: '+66812345678' },
    shippingAddress: {
      recipientName: 'Somchai P.',
      recipientPhone: '+66812345678',
      line1: '99 Sukhumvit Rd',
      city: 'Bangkok',
      province: 'Bangkok',
      postalCode: '10110',
      country: 'TH',
    },
  }),
};
const mutationOf = (region: Region) => `place${region === 'sea' ? 'Sea' : region === 'cn' ? 'Cn' : 'De'}Order`;

async function place(region: Region): Promise<{ id: string; number: string; registration: string }> {
  const mutation = `mutation($input: ${mutationOf(region).replace('place', 'Place')}Input!) { order: ${mutationOf(region)}(input: $input) { id ${region} { number registration } } }`;
  const result = await gql(mutation, { input: inputs[region]() }, tokens[region]!);
  expect(result.errors).toBeUndefined();
  return { id: result.data.order.id, ...result.data.order[region] };
}

/** The region's own view through the gateway: answered by the region alone, registered with core or not. */
async function regionalView(region: Region, id: string) {
  const result = await gql(`query($id: ID!) { found: ${region}Order(id: $id) { id ${region} { number registration status } } }`, { id }, tokens.admin!);
  expect(result.errors).toBeUndefined();
  return result.data.found[region] as { number: string; registration: string; status: string | null };
}

async function move(id: string, statuses: string[]): Promise<void> {
  for (const status of statuses) {
    const { data } = await gql(`query($id: ID!) { order(id: $id) { version } }`, { id }, tokens.admin!);
    const moved = await gql(
      `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
      { input: { orderId: id, status, expectedVersion: data.order.version } },
      tokens.admin!,
    );
    expect(moved.errors).toBeUndefined();
  }
}

const coreRows = async (id: string) =>
  (
    await db.query(
      `select o.number, s.to_status, s.at, s.occurred_at from core_orders."order" o join core_orders.order_status_change s on s.order_id = o.id where o.id = $1 order by s.sequence`,
      [id],
    )
  ).rows;

it('takes orders, a return request and a refusal at the door while core is down, and core applies each once when it is back', async () => {
  // Before the outage: a CN order signed for, and a cash-on-delivery SEA order out for delivery.
  const signed = await place('cn');
  const atDoor = await place('sea');
  await eventually(
    () => regionalView('cn', signed.id),
    (view) => view.registration === 'REGISTERED',
  );
  await eventually(
    () => regionalView('sea', atDoor.id),
    (view) => view.registration === 'REGISTERED',
  );
  await move(signed.id, ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED']);
  await move(atDoor.id, ['PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY']);
  await eventually(
    () => regionalView('cn', signed.id),
    (view) => view.status === 'SIGNED',
  );
  await eventually(
    () => regionalView('sea', atDoor.id),
    (view) => view.status === 'OUT_FOR_DELIVERY',
  );

  await hub.stop('core-orders');
  const placed = { cn: await place('cn'), de: await place('de'), sea: await place('sea') };
  for (const [region, order] of Object.entries(placed) as Array<[Region, { id: string; number: string; registration: string }]>) {
    expect(order).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(new RegExp(`^${region.toUpperCase()}-\\d{6}-\\d{6}$`)),
      registration: 'PENDING',
    });
    expect(await regionalView(region, order.id)).toEqual({ number: order.number, registration: 'PENDING', status: null });
  }
  const requested = await gql(
    `mutation($input: RequestCnReturnInput!) { requestCnReturn(input: $input) { __typename ... on CnReturn { state } } }`,
    { input: { orderId: signed.id, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 1 }] } },
    tokens.cn!,
  );
  expect(requested.data.requestCnReturn).toEqual({ __typename: 'CnReturn', state: 'REQUESTED' });
  const refusal = `mutation($input: SeaDeliveryRefusalInput!) { refuseSeaDelivery(input: $input) { reason } }`;
  const refusals = await Promise.all([1, 2].map(() => gql(refusal, { input: { orderId: atDoor.id, reason: 'CHANGED_MIND' } }, tokens.seaCarrier!)));
  for (const refused of refusals) expect(refused.data.refuseSeaDelivery).toEqual({ reason: 'CHANGED_MIND' });
  const outageEnded = new Date();

  await hub.start('core-orders');
  // Two paths, in either order: core's order.placed event sets the status, core's answer to the command the registration.
  for (const [region, order] of Object.entries(placed) as Array<[Region, { id: string }]>) {
    expect(
      await eventually(
        () => regionalView(region, order.id),
        (view) => view.status === 'CREATED' && view.registration === 'REGISTERED',
        { attempts: 200 },
      ),
    ).toMatchObject({ status: 'CREATED', registration: 'REGISTERED' });
  }
  for (const order of Object.values(placed)) {
    const rows = await coreRows(order.id);
    expect(rows.map((row) => row.to_status)).toEqual(['CREATED']);
    expect(rows[0].number).toBe(order.number);
    // Placed before core heard of it: the step happened during the outage and was recorded after it.
    expect(rows[0].occurred_at.getTime()).toBeLessThan(outageEnded.getTime());
    expect(rows[0].at.getTime()).toBeGreaterThanOrEqual(outageEnded.getTime());
  }
  await eventually(
    () => regionalView('cn', signed.id),
    (view) => view.status === 'RETURN_REQUESTED',
    { attempts: 200 },
  );
  await eventually(
    () => regionalView('sea', atDoor.id),
    (view) => view.status === 'DELIVERY_REFUSED',
    { attempts: 200 },
  );
  expect((await coreRows(signed.id)).map((row) => row.to_status).slice(-2)).toEqual(['SIGNED', 'RETURN_REQUESTED']);
  expect((await coreRows(atDoor.id)).map((row) => row.to_status)).toEqual([
    'CREATED',
    'PICKED',
    'PACKED',
    'OUTBOUND',
    'FIRST_SCAN',
    'OUT_FOR_DELIVERY',
    'DELIVERY_REFUSED',
  ]);

  const {
    rows: [pending],
  } = await db.query(`select
      (select count(*) from region_cn.core_command where state <> 'ACCEPTED') + (select count(*) from region_de.core_command where state <> 'ACCEPTED')
      + (select count(*) from region_sea.core_command where state <> 'ACCEPTED') as n`);
  expect(Number(pending.n)).toBe(0);
}, 180_000);

it("answers a read of an order core has not registered yet with the region's own view, never a bare null", async () => {
  await hub.stop('core-orders');
  const order = await place('de');
  const read = await gql(`query($id: ID!) { deOrder(id: $id) { id de { number registration } } }`, { id: order.id }, tokens.de!);
  expect(read.errors).toBeUndefined();
  expect(read.data.deOrder).toEqual({ id: order.id, de: { number: order.number, registration: 'PENDING' } });
  await hub.start('core-orders');
  const registered = await eventually(
    () => gql(`query($id: ID!) { order(id: $id) { number status de { registration } } }`, { id: order.id }, tokens.de!),
    (result) => result.data?.order?.de?.registration === 'REGISTERED',
    { attempts: 200 },
  );
  expect(registered.data.order).toEqual({ number: order.number, status: 'CREATED', de: { registration: 'REGISTERED' } });
}, 120_000);

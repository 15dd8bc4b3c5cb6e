import { randomUUID } from 'node:crypto';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createCoreApp } from '@hub/core-orders/app';
import { deRegion } from '../src/region.js';

const scope = createTestScope('de');
let core: Awaited<ReturnType<typeof createCoreApp>>;
let region: RegionApp;

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  region = await startRegion(deRegion, { ...scope.env, PORT: 0, REGISTRATION_SWEEP_MS: 60_000 });
});

afterAll(async () => {
  await region?.close();
  await core?.close();
  await scope.dispose();
});

const PLACE = `mutation($input: PlaceDeOrderInput!) { placeDeOrder(input: $input) { id } }`;
const DETAILS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de {
  registration customer { name email phone } shippingAddress { recipientName street houseNumber postalCode city country } } } } }`;
const input = (idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de' },
  shippingAddress: { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin', country: 'DE' },
  lines: [{ sku: 'KAFFEE-1', name: 'Kaffeebohnen 1 kg', quantity: 2, unitPrice: 1499, unitTax: 285 }],
});
const placeOrder = async (token: string, body: object = input()) =>
  (await postGraphQL(region.url, PLACE, { input: body }, token)).data.placeDeOrder.id as string;
const countRows = async (app: { orm: RegionApp['orm'] }, sql: string, customerRef: string) =>
  (await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(sql, [customerRef]))[0]?.n;

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await scope.token({ subject: 'cust-de-1', role: 'customer', regions: ['de'] });
  const placed = await postGraphQL(region.url, PLACE, { input: input() }, token);
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeDeOrder.id;

  const [master] = await core.orm.em.fork().getConnection().execute<any[]>(`select customer_ref, region, currency, status from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-de-1', region: 'de', currency: 'EUR', status: 'CREATED' });
  const coreTables = JSON.stringify(await core.orm.em.fork().getConnection().execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]));
  for (const personal of ['Schmidt', 'anna.schmidt', 'Invalidenstraße']) expect(coreTables).not.toContain(personal);

  const details = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.data._entities[0].de).toEqual({
    registration: 'REGISTERED',
    // Data minimisation: no phone unless the customer gives one.
    customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: null },
    shippingAddress: { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin', country: 'DE' },
  });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await scope.token({ subject: 'cust-de-2', role: 'customer', regions: ['de'] });
  const body = input();
  const results = await Promise.all([1, 2, 3].map(() => postGraphQL(region.url, PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeDeOrder.id));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toEqual(expect.any(String));
  expect(await countRows(core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, 'cust-de-2')).toBe(1);
});

it.each([
  ['customer.email', { customer: { name: 'Anna Schmidt', email: 'anna.schmidt.example.de' } }, 'anna.schmidt.example.de'],
  ['customer.phone', { customer: { name: 'Anna Schmidt', email: 'anna@example.de', phone: '015112345678' } }, '015112345678'],
  ['shippingAddress.country', { shippingAddress: { ...input().shippingAddress, country: 'CH', postalCode: '8001' } }, 'Invalidenstraße'],
  ['shippingAddress.postalCode', { shippingAddress: { ...input().shippingAddress, postalCode: '1011' } }, 'Invalidenstraße'],
])('rejects an invalid %s with BAD_USER_INPUT naming the field, and writes nothing', async (field, change, personal) => {
  const subject = `cust-de-bad-${randomUUID()}`;
  const token = await scope.token({ subject, role: 'customer', regions: ['de'] });
  const result = await postGraphQL(region.url, PLACE, { input: { ...input(), ...change } }, token);
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(JSON.stringify(result.errors)).not.toContain(personal);
  expect(await countRows(region, `select count(*)::int as n from region_de.regional_order where customer_ref = ?`, subject)).toBe(0);
  expect(await countRows(core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, subject)).toBe(0);
});

it('shows auditors pseudonymised personal data only', async () => {
  const customer = await scope.token({ subject: 'cust-de-4', role: 'customer', regions: ['de'] });
  const orderId = await placeOrder(customer, { ...input(), customer: { ...input().customer, phone: '+4915112345678' } });
  const auditor = await scope.token({ subject: 'aud-1', role: 'auditor', regions: [] });
  const audited = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, auditor);
  expect(audited.errors).toBeUndefined();
  expect(audited.data._entities[0].de).toEqual({
    registration: 'REGISTERED',
    customer: { name: 'A*** S******', email: 'a***@example.de', phone: '*********5678' },
    shippingAddress: { recipientName: 'A*** S******', street: '***', houseNumber: '***', postalCode: '10***', city: 'Berlin', country: 'DE' },
  });
});

it('hides the order and its personal data from another region\'s operator', async () => {
  const customer = await scope.token({ subject: 'cust-de-5', role: 'customer', regions: ['de'] });
  const orderId = await placeOrder(customer);
  const cnOperator = await scope.token({ subject: 'op-cn', role: 'operator', regions: ['cn'] });
  const denied = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, cnOperator);
  expect(denied.data._entities[0].de).toBeNull();
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  for (const personal of ['Anna', 'Schmidt', 'example.de', 'Invalidenstraße', '10115']) expect(JSON.stringify(denied)).not.toContain(personal);
});

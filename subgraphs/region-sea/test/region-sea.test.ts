import { randomUUID } from 'node:crypto';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createCoreApp } from '@hub/core-orders/app';
import { seaRegion } from '../src/region.js';

const scope = createTestScope('sea');
let core: Awaited<ReturnType<typeof createCoreApp>>;
let region: RegionApp;

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  region = await startRegion(seaRegion, { ...scope.env, PORT: 0, REGISTRATION_SWEEP_MS: 60_000 });
});

afterAll(async () => {
  await region?.close();
  await core?.close();
  await scope.dispose();
});

const PLACE = `mutation($input: PlaceSeaOrderInput!) { placeSeaOrder(input: $input) { id } }`;
const DETAILS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea {
  registration customer { name phone } shippingAddress { recipientName recipientPhone line1 line2 city province postalCode country } } } } }`;
const ADDRESS = {
  recipientName: 'Siti Rahayu', recipientPhone: '+6281234567890', line1: 'Jl. Merdeka No. 10', line2: 'RT 01/RW 02',
  city: 'Jakarta Pusat', province: 'DKI Jakarta', postalCode: '10110', country: 'ID',
};
const input = (idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  currency: 'IDR',
  customer: { name: 'Siti Rahayu', phone: '081234567890' },
  shippingAddress: ADDRESS,
  // 450,000 rupiah in sen: IDR and VND totals outgrow GraphQL's 32-bit Int quickly.
  lines: [{ sku: 'KOPI-1', name: 'Kopi Luwak 250 g', quantity: 10, unitPrice: 45_000_000, unitTax: 4_950_000 }],
});
const placeOrder = async (token: string) => (await postGraphQL(region.url, PLACE, { input: input() }, token)).data.placeSeaOrder.id as string;
const countRows = async (app: { orm: RegionApp['orm'] }, sql: string, customerRef: string) =>
  (await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(sql, [customerRef]))[0]?.n;

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await scope.token({ subject: 'cust-sea-1', role: 'customer', regions: ['sea'] });
  const placed = await postGraphQL(region.url, PLACE, { input: input() }, token);
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeSeaOrder.id;

  const [master] = await core.orm.em.fork().getConnection().execute<any[]>(`select customer_ref, region, currency, status, grand_total from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-sea-1', region: 'sea', currency: 'IDR', status: 'CREATED', grand_total: expect.anything() });
  expect(Number(master.grand_total)).toBe(499_500_000);
  const coreTables = JSON.stringify(await core.orm.em.fork().getConnection().execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]));
  for (const personal of ['Rahayu', '1234567890', 'Merdeka']) expect(coreTables).not.toContain(personal);

  const details = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.data._entities[0].sea).toEqual({ registration: 'REGISTERED', customer: { name: 'Siti Rahayu', phone: '081234567890' }, shippingAddress: ADDRESS });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await scope.token({ subject: 'cust-sea-2', role: 'customer', regions: ['sea'] });
  const body = input();
  const results = await Promise.all([1, 2, 3].map(() => postGraphQL(region.url, PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeSeaOrder.id));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toEqual(expect.any(String));
  expect(await countRows(core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, 'cust-sea-2')).toBe(1);
});

it.each([
  ['a currency of another country', 'currency', { currency: 'SGD' }],
  ['a currency outside the region', 'currency', { currency: 'EUR' }],
  ['a postal code of the wrong length', 'shippingAddress.postalCode', { shippingAddress: { ...ADDRESS, postalCode: '1011' } }],
  ['a postal code valid elsewhere only', 'shippingAddress.postalCode', { currency: 'PHP', shippingAddress: { ...ADDRESS, country: 'PH' } }],
  ['a country outside the region', 'shippingAddress.country', { shippingAddress: { ...ADDRESS, country: 'MM' } }],
  ['a phone with letters', 'customer.phone', { customer: { name: 'Siti Rahayu', phone: '0812-CALL-ME' } }],
])('rejects %s with BAD_USER_INPUT naming %s, and writes nothing', async (_label, field, change) => {
  const subject = `cust-sea-bad-${randomUUID()}`;
  const token = await scope.token({ subject, role: 'customer', regions: ['sea'] });
  const result = await postGraphQL(region.url, PLACE, { input: { ...input(), ...change } }, token);
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  for (const personal of ['Rahayu', '1234567890', 'CALL-ME', 'Merdeka']) expect(JSON.stringify(result.errors)).not.toContain(personal);
  expect(await countRows(region, `select count(*)::int as n from region_sea.regional_order where customer_ref = ?`, subject)).toBe(0);
  expect(await countRows(core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, subject)).toBe(0);
});

it('shows auditors pseudonymised personal data only', async () => {
  const orderId = await placeOrder(await scope.token({ subject: 'cust-sea-4', role: 'customer', regions: ['sea'] }));
  const auditor = await scope.token({ subject: 'aud-1', role: 'auditor', regions: [] });
  const audited = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, auditor);
  expect(audited.errors).toBeUndefined();
  expect(audited.data._entities[0].sea).toEqual({
    registration: 'REGISTERED',
    customer: { name: 'S*** R*****', phone: '********7890' },
    shippingAddress: {
      recipientName: 'S*** R*****', recipientPhone: '*********7890', line1: '***', line2: '***',
      city: 'Jakarta Pusat', province: 'DKI Jakarta', postalCode: '***', country: 'ID',
    },
  });
});

it('hides the order and its personal data from another region\'s operator', async () => {
  const orderId = await placeOrder(await scope.token({ subject: 'cust-sea-5', role: 'customer', regions: ['sea'] }));
  const deOperator = await scope.token({ subject: 'op-de', role: 'operator', regions: ['de'] });
  const denied = await postGraphQL(region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, deOperator);
  expect(denied.data._entities[0].sea).toBeNull();
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  for (const personal of ['Siti', 'Rahayu', '7890', 'Merdeka', 'Jakarta', '10110']) expect(JSON.stringify(denied)).not.toContain(personal);
});

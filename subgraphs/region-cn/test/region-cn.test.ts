import { randomUUID } from 'node:crypto';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createCoreApp } from '@hub/core-orders/app';
import { cnRegion } from '../src/region.js';
import { regionTestEnv } from './support/region-test-env.js';

const scope = createTestScope('cn');
const settled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let region: RegionApp;

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  region = await startRegion(cnRegion, regionTestEnv(scope.env), {
    onOrderEventSettled: (outcome) => settled.forEach((listener) => listener(outcome)),
  });
});

afterAll(async () => {
  await region?.close();
  await core?.close();
  await scope.dispose();
});

const PLACE = `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }`;
const input = (idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  customer: { name: '张伟', phone: '13800138000' },
  shippingAddress: { recipientName: '张伟', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 100 号' },
  lines: [{ sku: 'TEA-1', name: '龙井茶', quantity: 1, unitPrice: 12800, unitTax: 0 }],
});

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await scope.token({ subject: 'cust-cn-1', role: 'customer', regions: ['cn'] });
  const placed = await postGraphQL(region.url, `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id cn { number registration } } }`, { input: input() }, token);
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeCnOrder.id;
  expect(placed.data.placeCnOrder.cn).toEqual({ number: expect.stringMatching(/^CN-\d{6}-\d{6}$/), registration: 'PENDING' });
  await region.commands.whenIdle();

  const [master] = await core.orm.em.fork().getConnection().execute<any[]>(`select customer_ref, region, status, number from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-cn-1', region: 'cn', status: 'CREATED', number: placed.data.placeCnOrder.cn.number });
  const coreTables = JSON.stringify(await core.orm.em.fork().getConnection().execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]));
  expect(coreTables).not.toContain('13800138000');
  expect(coreTables).not.toContain('张伟');

  const details = await postGraphQL(region.url, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { registration customer { name phone } shippingAddress { city street } } } } }`,
    { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.data._entities[0].cn).toEqual({ registration: 'REGISTERED', customer: { name: '张伟', phone: '13800138000' }, shippingAddress: { city: '杭州市', street: '文三路 100 号' } });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await scope.token({ subject: 'cust-cn-2', role: 'customer', regions: ['cn'] });
  const body = input();
  const results = await Promise.all([1, 2, 3].map(() => postGraphQL(region.url, PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeCnOrder.id));
  expect(ids.size).toBe(1);
  await region.commands.whenIdle();
  const [{ n }] = await core.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from core_orders."order" where customer_ref = 'cust-cn-2'`);
  expect(n).toBe(1);
});

it('rejects invalid input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
  const token = await scope.token({ subject: 'cust-cn-3', role: 'customer', regions: ['cn'] });
  const bad = { ...input(), customer: { name: '李四', phone: '12345' } };
  const result = await postGraphQL(region.url, PLACE, { input: bad }, token);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customer.phone' });
  expect(JSON.stringify(result.errors)).not.toContain('12345');
  const [{ n }] = await region.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from region_cn.regional_order where customer_ref = 'cust-cn-3'`);
  expect(n).toBe(0);
});

it('gives auditors no direct identifiers and hides personal data from other regions\' operators', async () => {
  const customer = await scope.token({ subject: 'cust-cn-4', role: 'customer', regions: ['cn'] });
  const orderId = (await postGraphQL(region.url, PLACE, { input: input() }, customer)).data.placeCnOrder.id;
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { customer { name phone } shippingAddress { province } } } } }`;
  const auditor = await scope.token({ subject: 'aud-1', role: 'auditor', regions: [] });
  const audited = await postGraphQL(region.url, query, { r: [{ __typename: 'Order', id: orderId }] }, auditor);
  expect(audited.data._entities[0].cn).toEqual({ customer: null, shippingAddress: { province: '浙江省' } });
  // The fields are non-null, so the first withheld one nulls its object and is the error reported.
  expect(audited.errors?.map((error: any) => error.extensions)).toEqual([{ code: 'FORBIDDEN', field: 'customer.name', reason: 'DATA_MINIMISATION' }]);
  expect(JSON.stringify(audited)).not.toMatch(/张|8000/);
  const deOperator = await scope.token({ subject: 'op-de', role: 'operator', regions: ['de'] });
  const denied = await postGraphQL(region.url, query, { r: [{ __typename: 'Order', id: orderId }] }, deOperator);
  expect(denied.data._entities[0].cn).toBeNull();
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(JSON.stringify(denied)).not.toContain('8000');
});

it('applies each order event once, even when JetStream redelivers it', async () => {
  const token = await scope.token({ subject: 'cust-cn-5', role: 'customer', regions: ['cn'] });
  const orderId = (await postGraphQL(region.url, PLACE, { input: input() }, token)).data.placeCnOrder.id;
  const applied = waitFor<{ messageId: string; outcome: string }>((o) => o.messageId === `order.placed:${orderId}:1`);
  settled.push(applied.push);
  await region.commands.whenIdle();
  await core.relay.drain();
  expect((await applied.done).outcome).toBe('applied');

  // Publish the very same event again, past the stream's duplicate window (a different msg id would be a
  // different event), as a consumer crash before its ack would make JetStream deliver it again.
  const duplicate = waitFor<{ messageId: string; outcome: string }>((o) => o.outcome === 'duplicate');
  settled.push(duplicate.push);
  const [row] = await core.orm.em.fork().getConnection().execute<any[]>(`select subject, payload, message_id from core_orders.outbox_event where message_id = ?`, [`order.placed:${orderId}:1`]);
  const { jetstream, jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connectTestNats(scope.env);
  const jsm = await jetstreamManager(nc);
  const stream = `${scope.env.NATS_NAMESPACE.toUpperCase()}_ORDERS`;
  const info = await jsm.streams.info(stream);
  await jsm.streams.update(stream, { ...info.config, duplicate_window: 100_000_000 });
  await new Promise((resolve) => setTimeout(resolve, 150)); // let the 100 ms duplicate window lapse
  await jetstream(nc).publish(row.subject, JSON.stringify(row.payload), { msgID: row.message_id });
  await nc.close();
  expect((await duplicate.done).messageId).toBe(`order.placed:${orderId}:1`);
  const events = await region.orm.em.fork().getConnection().execute<any[]>(`select version from region_cn.regional_order_status_event where order_id = ?`, [orderId]);
  expect(events).toEqual([{ version: 1 }]);
});

it('keeps an order core refuses to register visible as REJECTED, with core\'s reason', async () => {
  const token = await scope.token({ subject: 'cust-cn-6', role: 'customer', regions: ['cn'] });
  const first = (await postGraphQL(region.url, PLACE, { input: input() }, token)).data.placeCnOrder.id;
  await region.commands.whenIdle();
  // A clash of order numbers (a sequence restored from an old backup): core holds the number already.
  const connection = region.orm.em.fork().getConnection();
  const [{ sequence }] = await connection.execute<any[]>(`select split_part(order_number, '-', 3)::int as sequence from region_cn.regional_order where order_id = ?`, [first]);
  await connection.execute(`select setval('region_cn.order_number_seq', ?, false)`, [sequence]);
  const placed = await postGraphQL(region.url, `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id cn { registration } } }`, { input: input() }, token);
  expect(placed.data.placeCnOrder.cn.registration).toBe('PENDING');
  await region.commands.whenIdle();

  const query = `query($id: ID!) { cnOrder(id: $id) { id cn { registration registrationRejection } } }`;
  const read = await postGraphQL(region.url, query, { id: placed.data.placeCnOrder.id }, token);
  expect(read.data.cnOrder.cn).toEqual({ registration: 'REJECTED', registrationRejection: expect.stringContaining('CONFLICT') });
  const [command] = await connection.execute<any[]>(`select state, rejection_code from region_cn.core_command where order_id = ?`, [placed.data.placeCnOrder.id]);
  expect(command).toEqual({ state: 'REJECTED', rejection_code: 'CONFLICT' });
  const [{ n }] = await core.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from core_orders."order" where id = ?`, [placed.data.placeCnOrder.id]);
  expect(n).toBe(0);
});

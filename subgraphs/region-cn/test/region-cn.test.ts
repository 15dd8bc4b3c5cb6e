import { randomUUID } from 'node:crypto';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createCoreApp } from '@hub/core-orders/app';
import { cnRegion } from '../src/region.js';
import { regionTestEnv } from './support/region-test-env.js';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';

const scope = createTestScope('cn');
const settled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let region: RegionApp;
let catalogueVersion: number;

beforeAll(async () => {
  catalogueVersion = await publishTestCatalogue(scope.env, [
    {
      region: 'cn',
      currencies: ['CNY'],
      items: [
        { sku: 'TEA-1', unitPrice: 12800, category: 'GROCERY', euTaxClass: 'REDUCED' },
        { sku: 'OLD-1', unitPrice: 900, status: 'RETIRED' },
      ],
    },
  ]);
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  region = await startRegion(cnRegion, regionTestEnv(scope.env), {
    onOrderEventSettled: (outcome) => settled.forEach((listener) => listener(outcome)),
  });
  await region.catalogue.whenAt(catalogueVersion);
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
  lines: [{ sku: 'TEA-1', quantity: 1 }],
});

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await scope.token({ subject: 'cust-cn-1', role: 'customer', regions: ['cn'] });
  const placed = await postGraphQL(
    region.url,
    `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id cn { number registration } } }`,
    { input: input() },
    token,
  );
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeCnOrder.id;
  expect(placed.data.placeCnOrder.cn).toEqual({ number: expect.stringMatching(/^CN-\d{6}-\d{6}$/), registration: 'PENDING' });
  await region.commands.whenIdle();

  const [master] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select customer_ref, region, status, number from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-cn-1', region: 'cn', status: 'CREATED', number: placed.data.placeCnOrder.cn.number });
  const coreTables = JSON.stringify(
    await core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]),
  );
  expect(coreTables).not.toContain('13800138000');
  expect(coreTables).not.toContain('张伟');

  const details = await postGraphQL(
    region.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { registration customer { name phone } shippingAddress { city street } } } } }`,
    { r: [{ __typename: 'Order', id: orderId }] },
    token,
  );
  expect(details.data._entities[0].cn).toEqual({
    registration: 'REGISTERED',
    customer: { name: '张伟', phone: '13800138000' },
    shippingAddress: { city: '杭州市', street: '文三路 100 号' },
  });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await scope.token({ subject: 'cust-cn-2', role: 'customer', regions: ['cn'] });
  const body = input();
  const results = await Promise.all([1, 2, 3].map(() => postGraphQL(region.url, PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeCnOrder.id));
  expect(ids.size).toBe(1);
  await region.commands.whenIdle();
  const [{ n }] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders."order" where customer_ref = 'cust-cn-2'`);
  expect(n).toBe(1);
});

it('rejects invalid input with BAD_USER_INPUT naming the field, and writes nothing', async () => {
  const token = await scope.token({ subject: 'cust-cn-3', role: 'customer', regions: ['cn'] });
  const bad = { ...input(), customer: { name: '李四', phone: '12345' } };
  const result = await postGraphQL(region.url, PLACE, { input: bad }, token);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'customer.phone' });
  expect(JSON.stringify(result.errors)).not.toContain('12345');
  const [{ n }] = await region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from region_cn.regional_order where customer_ref = 'cust-cn-3'`);
  expect(n).toBe(0);
});

it("gives auditors no direct identifiers and hides personal data from other regions' operators", async () => {
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
  const [row] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select subject, payload, message_id from core_orders.outbox_event where message_id = ?`, [`order.placed:${orderId}:1`]);
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
  const events = await region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select version from region_cn.regional_order_status_event where order_id = ?`, [orderId]);
  expect(events).toEqual([{ version: 1 }]);
});

it("keeps an order core refuses to register visible as REJECTED, with core's reason", async () => {
  const token = await scope.token({ subject: 'cust-cn-6', role: 'customer', regions: ['cn'] });
  const first = (await postGraphQL(region.url, PLACE, { input: input() }, token)).data.placeCnOrder.id;
  await region.commands.whenIdle();
  // A clash of order numbers (a sequence restored from an old backup): core holds the number the region gives next
  // (the next of its block: nothing else takes numbers from this region's sequence here).
  const connection = region.orm.em.fork().getConnection();
  const [{ number }] = await connection.execute<any[]>(`select order_number as number from region_cn.regional_order where order_id = ?`, [first]);
  const next = number.replace(/\d+$/, (digits: string) => String(Number(digits) + 1).padStart(digits.length, '0'));
  await core.orm.em.fork().getConnection().execute(`update core_orders."order" set number = ? where id = ?`, [next, first]);
  const placed = await postGraphQL(
    region.url,
    `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id cn { registration } } }`,
    { input: input() },
    token,
  );
  expect(placed.data.placeCnOrder.cn.registration).toBe('PENDING');
  await region.commands.whenIdle();

  const query = `query($id: ID!) { cnOrder(id: $id) { id cn { registration registrationRejection } } }`;
  const read = await postGraphQL(region.url, query, { id: placed.data.placeCnOrder.id }, token);
  expect(read.data.cnOrder.cn).toEqual({ registration: 'REJECTED', registrationRejection: expect.stringContaining('CONFLICT') });
  const [command] = await connection.execute<any[]>(`select state, rejection_code from region_cn.core_command where order_id = ?`, [
    placed.data.placeCnOrder.id,
  ]);
  expect(command).toEqual({ state: 'REJECTED', rejection_code: 'CONFLICT' });
  const [{ n }] = await core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders."order" where id = ?`, [placed.data.placeCnOrder.id]);
  expect(n).toBe(0);
});

describe('the region prices the order from its catalogue copy', () => {
  const PAYLOAD = `mutation($input: PlaceCnOrderInput!) { cnOrderPlace(input: $input) {
    order { id cn { currency grandTotal catalogueVersion priceListId priceListVersion } } userErrors { code field message } } }`;
  const place = async (lines: unknown[], extra: Record<string, unknown> = {}) =>
    postGraphQL(
      region.url,
      PAYLOAD,
      { input: { ...input(), lines, ...extra } },
      await scope.token({ subject: 'cust-cn-prices', role: 'customer', regions: ['cn'] }),
    );

  it('takes SKU and quantity, prices them at 9 % VAT for tea and records what it priced from', async () => {
    const placed = (await place([{ sku: 'TEA-1', quantity: 2 }])).data.cnOrderPlace;
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.cn).toEqual({ currency: 'CNY', grandTotal: 2 * (12800 + 1152), catalogueVersion, priceListId: 'cn-web-cny-test', priceListVersion: 1 });
    const [row] = await region.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(
        `select registration_request->'lines'->0 as line, registration_request->'pricedWith' as priced from region_cn.regional_order where order_id = ?`,
        [placed.order.id],
      );
    expect(row.line).toMatchObject({ sku: 'TEA-1', unitPrice: 12800, unitTax: 1152, attributes: { category: 'GROCERY', euTaxClass: 'REDUCED' } });
    expect(row.priced).toEqual({ catalogueVersion, priceListId: 'cn-web-cny-test', priceListVersion: 1 });
    await region.commands.whenIdle();
    const [master] = await core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select priced_with, grand_total from core_orders."order" where id = ?`, [placed.order.id]);
    expect(master).toEqual({ priced_with: row.priced, grand_total: String(2 * (12800 + 1152)) });
  });

  it.each([
    [
      "a client price that differs from the catalogue's",
      [{ sku: 'TEA-1', quantity: 1, unitPrice: 0 }],
      'PRICE_DIFFERS',
      ['input', 'lines', '0', 'unitPrice'],
      'lines[0].unitPrice',
    ],
    [
      'a client tax that differs from the VAT',
      [{ sku: 'TEA-1', quantity: 1, unitPrice: 12800, unitTax: 0 }],
      'VAT_AMOUNT_MISMATCH',
      ['input', 'lines', '0', 'unitTax'],
      'lines[0].unitTax',
    ],
    [
      'an unknown SKU',
      [
        { sku: 'TEA-1', quantity: 1 },
        { sku: 'NOPE-1', quantity: 1 },
      ],
      'UNKNOWN_SKU',
      ['input', 'lines', '1', 'sku'],
      'Line 2',
    ],
    ['a retired SKU', [{ sku: 'OLD-1', quantity: 1 }], 'SKU_RETIRED', ['input', 'lines', '0', 'sku'], 'Line 1'],
  ])('refuses %s, naming the line, and writes nothing', async (_label, lines, code, field, named) => {
    const before = await region.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from region_cn.regional_order`);
    const refused = (await place(lines)).data.cnOrderPlace;
    expect(refused.order).toBeNull();
    expect(refused.userErrors).toEqual([{ code, field, message: expect.stringContaining(named) }]);
    const after = await region.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from region_cn.regional_order`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('names every refused line at once, each with its field, and writes nothing', async () => {
    const before = await region.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from region_cn.regional_order`);
    const lines = [
      { sku: 'NOPE-1', quantity: 1 },
      { sku: 'TEA-1', quantity: 1 },
      { sku: 'OLD-1', quantity: 1 },
    ];
    const refused = (await place(lines)).data.cnOrderPlace;
    expect(refused).toEqual({
      order: null,
      userErrors: [
        { code: 'UNKNOWN_SKU', field: ['input', 'lines', '0', 'sku'], message: expect.stringContaining('Line 1') },
        { code: 'SKU_RETIRED', field: ['input', 'lines', '2', 'sku'], message: expect.stringContaining('Line 3') },
      ],
    });
    const after = await region.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from region_cn.regional_order`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('still takes the old input when its amounts agree with the catalogue (the schema registry allows no breaking change)', async () => {
    const placed = (await place([{ sku: 'TEA-1', name: '龙井茶', quantity: 1, unitPrice: 12800, unitTax: 1152 }], { shippingTotal: 0 })).data.cnOrderPlace;
    expect(placed.userErrors).toEqual([]);
    expect(placed.order.cn.grandTotal).toBe(12800 + 1152);
  });
});

it("keeps a customer's notice language, zone and quiet hours in the region, refusing bad values field by field", async () => {
  const customer = await scope.token({ subject: 'cust-cn-notices', role: 'customer', regions: ['cn'] });
  const SET = `mutation($input: CnNoticePreferenceSetInput!) { cnNoticePreferenceSet(input: $input) {
    preference { language timeZone quietHours } userErrors { code field } } }`;
  const refused = await postGraphQL(region.url, SET, { input: { language: 'fr', timeZone: 'Asia/Atlantis', quietHours: '22-7' } }, customer);
  expect(refused.errors).toBeUndefined();
  expect(refused.data.cnNoticePreferenceSet).toEqual({
    preference: null,
    userErrors: [
      { code: 'INVALID', field: ['input', 'language'] },
      { code: 'INVALID', field: ['input', 'timeZone'] },
      { code: 'INVALID', field: ['input', 'quietHours'] },
    ],
  });
  const read = `{ cnNoticePreference { language timeZone quietHours } }`;
  expect((await postGraphQL(region.url, read, {}, customer)).data.cnNoticePreference).toBeNull();

  const set = await postGraphQL(region.url, SET, { input: { language: 'en', timeZone: 'Asia/Hong_Kong', quietHours: '23:00-07:30' } }, customer);
  expect(set.data.cnNoticePreferenceSet).toEqual({ preference: { language: 'en', timeZone: 'Asia/Hong_Kong', quietHours: '23:00-07:30' }, userErrors: [] });
  await postGraphQL(region.url, SET, { input: { language: 'zh' } }, customer); // the last choice counts; unset fields go back to the default
  expect((await postGraphQL(region.url, read, {}, customer)).data.cnNoticePreference).toEqual({ language: 'zh', timeZone: null, quietHours: null });

  // Stored beside the region's personal data, under the pseudonymous reference only.
  const rows = await region.orm.em
    .getConnection()
    .execute(`select customer_ref, language from region_cn.notice_preference where customer_ref = ?`, ['cust-cn-notices']);
  expect(rows).toEqual([{ customer_ref: 'cust-cn-notices', language: 'zh' }]);

  const operator = await scope.token({ subject: 'op-cn', role: 'operator', regions: ['cn'] });
  expect((await postGraphQL(region.url, SET, { input: { language: 'en' } }, operator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const seaCustomer = await scope.token({ subject: 'cust-sea', role: 'customer', regions: ['sea'] });
  expect((await postGraphQL(region.url, SET, { input: { language: 'en' } }, seaCustomer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

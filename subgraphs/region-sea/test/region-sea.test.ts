import { randomUUID } from 'node:crypto';
import { postGraphQL } from '@hub/shared/testing/harness';
import { ID_ADDRESS, QUICK_ORDER, quickOrder, quickOrderInput, startSeaTestHub, type SeaTestHub } from './sea-test-hub.js';

let hub: SeaTestHub;
beforeAll(async () => {
  hub = await startSeaTestHub('sea');
});
afterAll(async () => {
  await hub?.close();
});

const PLACE = `mutation($input: PlaceSeaOrderInput!) { placeSeaOrder(input: $input) { id } }`;
const DETAILS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea {
  registration customer { name phone } shippingAddress { recipientName recipientPhone line1 line2 subdistrict district city province postalCode country } } } } }`;
const ADDRESS = {
  recipientName: 'Siti Rahayu',
  recipientPhone: '+6281234567890',
  line1: 'Jl. Merdeka No. 10',
  line2: 'RT 01/RW 02',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};
const STORED_ADDRESS = { ...ADDRESS, subdistrict: null, district: null };
const input = (idempotencyKey = randomUUID()) => ({
  idempotencyKey,
  currency: 'IDR',
  customer: { name: 'Siti Rahayu', phone: '081234567890' },
  shippingAddress: ADDRESS,
  // Rp 45 million a line in whole rupiah: IDR totals outgrow GraphQL's 32-bit Int quickly. The amounts the client showed
  // (the deprecated shape) agree with the catalogue and Indonesia's 11 % VAT, so the order is taken.
  lines: [{ sku: 'KOPI-10', name: 'Kopi Luwak 250 g', quantity: 10, unitPrice: 45_000_000, unitTax: 4_950_000 }],
});
const placeOrder = async (token: string) => (await postGraphQL(hub.region.url, PLACE, { input: input() }, token)).data.placeSeaOrder.id as string;
const countRows = async (app: { orm: SeaTestHub['region']['orm'] }, sql: string, param: string) =>
  (await app.orm.em.fork().getConnection().execute<Array<{ n: number }>>(sql, [param]))[0]?.n;
const customer = (subject: string) => hub.token({ subject, role: 'customer' });

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await customer('cust-sea-1');
  const placed = await postGraphQL(hub.region.url, PLACE, { input: input() }, token);
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeSeaOrder.id;
  await hub.region.commands.whenIdle();

  const [master] = await hub.core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select customer_ref, region, currency, status, grand_total from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-sea-1', region: 'sea', currency: 'IDR', status: 'CREATED', grand_total: expect.anything() });
  expect(Number(master.grand_total)).toBe(499_500_000);
  const coreTables = JSON.stringify(
    await hub.core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]),
  );
  for (const personal of ['Rahayu', '1234567890', 'Merdeka']) expect(coreTables).not.toContain(personal);

  const details = await postGraphQL(hub.region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.data._entities[0].sea).toEqual({
    registration: 'REGISTERED',
    customer: { name: 'Siti Rahayu', phone: '+6281234567890' },
    shippingAddress: STORED_ADDRESS,
  });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await customer('cust-sea-2');
  const body = input();
  const results = await Promise.all([1, 2, 3].map(() => postGraphQL(hub.region.url, PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeSeaOrder.id));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toEqual(expect.any(String));
  await hub.region.commands.whenIdle();
  expect(await countRows(hub.core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, 'cust-sea-2')).toBe(1);
});

it.each([
  ['a currency of another country', 'currency', { currency: 'SGD' }],
  ['a currency outside the region', 'currency', { currency: 'EUR' }],
  ['a postal code of the wrong length', 'shippingAddress.postalCode', { shippingAddress: { ...ADDRESS, postalCode: '1011' } }],
  ['a postal code valid elsewhere only', 'shippingAddress.postalCode', { currency: 'PHP', shippingAddress: { ...ADDRESS, country: 'PH' } }],
  ['a country outside the region', 'shippingAddress.country', { shippingAddress: { ...ADDRESS, country: 'MM' } }],
  ['a phone with letters', 'customer.phone', { customer: { name: 'Siti Rahayu', phone: '0812-CALL-ME' } }],
  ['a phone too short for Indonesia', 'customer.phone', { customer: { name: 'Siti Rahayu', phone: '0812 345' } }],
  ['cash on delivery above the limit', 'payment', { payment: 'COD' }],
])('rejects %s with BAD_USER_INPUT naming %s, and writes nothing', async (_label, field, change) => {
  const subject = `cust-sea-bad-${randomUUID()}`;
  const token = await customer(subject);
  const result = await postGraphQL(hub.region.url, PLACE, { input: { ...input(), ...change } }, token);
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  for (const personal of ['Rahayu', '1234567890', 'CALL-ME', 'Merdeka']) expect(JSON.stringify(result.errors)).not.toContain(personal);
  expect(await countRows(hub.region, `select count(*)::int as n from region_sea.regional_order where customer_ref = ?`, subject)).toBe(0);
  expect(await countRows(hub.core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, subject)).toBe(0);
});

it('gives auditors no direct identifiers: each is null with FORBIDDEN / DATA_MINIMISATION, and the read is logged', async () => {
  const orderId = await placeOrder(await customer('cust-sea-4'));
  await hub.region.commands.whenIdle();
  const auditor = await hub.token({ subject: 'aud-sea', role: 'auditor', regions: [] });
  const audited = await postGraphQL(hub.region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, auditor);
  // A withheld non-null field nulls its object (and is reported); withheld nullable fields are reported each.
  expect(audited.data._entities[0].sea).toEqual({ registration: 'REGISTERED', customer: null, shippingAddress: null });
  const withheld = (audited.errors ?? []).map((error: any) => [error.extensions.code, error.extensions.reason, error.extensions.field]);
  expect(withheld).toEqual(
    expect.arrayContaining([
      ['FORBIDDEN', 'DATA_MINIMISATION', 'customer.name'],
      ['FORBIDDEN', 'DATA_MINIMISATION', 'shippingAddress.line2'],
    ]),
  );
  expect(new Set(withheld.map(([code, reason]: string[]) => `${code}/${reason}`))).toEqual(new Set(['FORBIDDEN/DATA_MINIMISATION']));
  expect(JSON.stringify(audited)).not.toMatch(/Siti|Rahayu|7890|Merdeka/);

  const coarse = await postGraphQL(
    hub.region.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea { shippingAddress { province country } } } } }`,
    { r: [{ __typename: 'Order', id: orderId }] },
    auditor,
  );
  expect(coarse.errors).toBeUndefined();
  expect(coarse.data._entities[0].sea).toEqual({ shippingAddress: { province: 'DKI Jakarta', country: 'ID' } });
  const log = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(
      `select field, disclosure, reason from region_sea.personal_data_access_log where actor_subject = 'aud-sea' and field in ('customer.name', 'shippingAddress.country') order by field, id`,
    );
  expect(log).toEqual([
    { field: 'customer.name', disclosure: 'DENIED', reason: 'DATA_MINIMISATION' },
    { field: 'shippingAddress.country', disclosure: 'FULL', reason: null },
    { field: 'shippingAddress.country', disclosure: 'FULL', reason: null }, // the second, coarse query
  ]);
});

it("hides the order and its personal data from another region's operator", async () => {
  const orderId = await placeOrder(await customer('cust-sea-5'));
  const deOperator = await hub.token({ subject: 'op-de', role: 'operator', regions: ['de'] });
  const denied = await postGraphQL(hub.region.url, DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, deOperator);
  expect(denied.data._entities[0].sea).toBeNull();
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  for (const personal of ['Siti', 'Rahayu', '7890', 'Merdeka', 'Jakarta', '10110']) expect(JSON.stringify(denied)).not.toContain(personal);
});

describe('seaQuickOrder', () => {
  const PAYMENT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea { payment { method currency amountDue collection { amount } } } } } }`;

  it('places the order in one request and answers with id, its own number, the total and status before core registers it', async () => {
    const token = await customer('cust-quick-1');
    const confirmation = await quickOrder(hub, token);
    expect(confirmation).toEqual({
      id: expect.any(String),
      number: expect.stringMatching(/^SEA-\d{6}-\d{6}$/),
      total: 999_000,
      status: 'CREATED',
      registration: 'PENDING',
    });
    await hub.region.commands.whenIdle();
    const [master] = await hub.core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select channel, currency, number from core_orders."order" where id = ?`, [confirmation.id]);
    expect(master).toEqual({ channel: 'MOBILE_APP', currency: 'IDR', number: confirmation.number });
    const read = await postGraphQL(hub.region.url, PAYMENT, { r: [{ __typename: 'Order', id: confirmation.id }] }, token);
    expect(read.data._entities[0].sea.payment).toEqual({ method: 'COD', currency: 'IDR', amountDue: 999_000, collection: null });
  });

  it('answers every retry of one key with the same order, and a different order under that key with CONFLICT', async () => {
    const token = await customer('cust-quick-2');
    const body = quickOrderInput();
    const confirmations = await Promise.all([1, 2, 3, 4].map(() => quickOrder(hub, token, body)));
    expect(new Set(confirmations.map((c) => c.number)).size).toBe(1);
    await hub.region.commands.whenIdle();
    expect(await countRows(hub.core, `select count(*)::int as n from core_orders."order" where customer_ref = ?`, 'cust-quick-2')).toBe(1);
    const changed = await postGraphQL(hub.region.url, QUICK_ORDER, { input: { ...body, payment: 'CARD' } }, token);
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it.each([
    // Net price from the currency's price list, plus the destination's VAT (11, 7, 10, 12, 10 and 9 %).
    ['ID', '0812-3456-7890', '+6281234567890', '10110', 'IDR', 150_000 + 16_500],
    ['TH', '081 234 5678', '+66812345678', '10110', 'THB', 35_000 + 2_450],
    ['MY', '012-345 6789', '+60123456789', '50450', 'MYR', 4_990 + 499],
    ['PH', '0917 123 4567', '+639171234567', '1000', 'PHP', 49_900 + 5_988],
    ['VN', '0912 345 678', '+84912345678', '100000', 'VND', 250_000 + 25_000],
    ['SG', '8123 4567', '+6581234567', '018956', 'SGD', 1_290 + 116],
  ])(
    'takes a %s address with a local phone (%s), stores it as E.164 and prices in the local currency',
    async (country, phone, e164, postalCode, currency, total) => {
      const token = await customer(`cust-${country}`);
      const address = { ...ID_ADDRESS, recipientPhone: phone, postalCode, country };
      const confirmation = await quickOrder(hub, token, quickOrderInput({ address, lines: [{ sku: 'X-1', quantity: 1 }] }));
      expect(confirmation.total).toBe(total);
      const read = await postGraphQL(
        hub.region.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea {
      customer { phone } shippingAddress { recipientPhone postalCode } payment { currency } } } } }`,
        { r: [{ __typename: 'Order', id: confirmation.id }] },
        token,
      );
      expect(read.data._entities[0].sea).toEqual({ customer: { phone: e164 }, shippingAddress: { recipientPhone: e164, postalCode }, payment: { currency } });
    },
  );

  it.each([
    [
      'a Philippine postal code of five digits',
      'address.postalCode',
      undefined,
      { address: { ...ID_ADDRESS, country: 'PH', recipientPhone: '09171234567', postalCode: '10000' } },
    ],
    [
      'a Vietnamese postal code of five digits',
      'address.postalCode',
      undefined,
      { address: { ...ID_ADDRESS, country: 'VN', recipientPhone: '0912345678', postalCode: '10000' } },
    ],
    [
      'a Thai mobile number missing digits',
      'address.recipientPhone',
      'PHONE_INVALID',
      { address: { ...ID_ADDRESS, country: 'TH', recipientPhone: '081 234 5' } },
    ],
    [
      'cash on delivery of S$600 in Singapore',
      'payment',
      'COD_LIMIT_EXCEEDED',
      {
        address: { ...ID_ADDRESS, country: 'SG', recipientPhone: '81234567', postalCode: '018956' },
        lines: [{ sku: 'X-2', quantity: 1 }],
      },
    ],
  ])('rejects %s naming %s (%s)', async (_label, field, rule, change) => {
    const result = await postGraphQL(hub.region.url, QUICK_ORDER, { input: quickOrderInput(change) }, await customer(`cust-bad-${randomUUID()}`));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, ...(rule ? { rule } : {}) });
  });

  it('takes the same S$600 order when it is paid by card', async () => {
    const confirmation = await quickOrder(
      hub,
      await customer('cust-sg-card'),
      quickOrderInput({
        address: { ...ID_ADDRESS, country: 'SG', recipientPhone: '81234567', postalCode: '018956' },
        payment: 'CARD',
        shippingTotal: 0,
        lines: [{ sku: 'X-2', quantity: 1 }],
      }),
    );
    expect(confirmation.total).toBe(60_000 + 5_400);
  });

  it('is for customers only', async () => {
    const result = await postGraphQL(hub.region.url, QUICK_ORDER, { input: quickOrderInput() }, await hub.token({ subject: 'op-sea', role: 'operator' }));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('seaQuickOrderPlace', () => {
  const PLACE = `mutation($input: SeaQuickOrderInput!) { seaQuickOrderPlace(input: $input) {
    order { id } confirmation { id orderId number total status } userErrors { code field message } } }`;

  it('answers the order and what the app shows, with no userErrors', async () => {
    const result = await postGraphQL(hub.region.url, PLACE, { input: quickOrderInput() }, await customer(`cust-payload-${randomUUID()}`));
    expect(result.errors).toBeUndefined();
    const { order, confirmation, userErrors } = result.data.seaQuickOrderPlace;
    expect(userErrors).toEqual([]);
    expect(confirmation).toMatchObject({ orderId: order.id, total: 999_000, status: 'CREATED' });
  });

  it('answers a broken rule in userErrors with the rule as its code, and a malformed variable still at the top level', async () => {
    const overLimit = await postGraphQL(
      hub.region.url,
      PLACE,
      {
        input: quickOrderInput({
          address: { ...ID_ADDRESS, country: 'SG', recipientPhone: '81234567', postalCode: '018956' },
          lines: [{ sku: 'X-2', quantity: 1 }],
        }),
      },
      await customer(`cust-payload-${randomUUID()}`),
    );
    expect(overLimit.errors).toBeUndefined();
    expect(overLimit.data.seaQuickOrderPlace).toEqual({
      order: null,
      confirmation: null,
      userErrors: [expect.objectContaining({ code: 'COD_LIMIT_EXCEEDED', field: ['input', 'payment'] })],
    });
    const badPhone = await postGraphQL(
      hub.region.url,
      PLACE,
      { input: quickOrderInput({ address: { ...ID_ADDRESS, country: 'TH', recipientPhone: '081 234 5' } }) },
      await customer(`cust-payload-${randomUUID()}`),
    );
    expect(badPhone.data.seaQuickOrderPlace.userErrors).toEqual([
      expect.objectContaining({ code: 'PHONE_INVALID', field: ['input', 'address', 'recipientPhone'] }),
    ]);
    const malformed = await postGraphQL(
      hub.region.url,
      PLACE,
      { input: { ...quickOrderInput(), payment: 'BARTER' } },
      await customer(`cust-payload-${randomUUID()}`),
    );
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

it('has migrations that create exactly the tables its entities describe', async () => {
  const diff = await hub.region.orm.schema.getUpdateSchemaSQL({ wrap: false, schema: 'region_sea' });
  // Cash reconciliation's partial index on the shared timeline is region-sea's own; the shared entity cannot declare it.
  const drift = diff.split('\n').filter((line) => line.trim() && !line.includes('regional_order_status_event_signed_index'));
  expect(drift).toEqual([]);
});

it("tells the app each country's payment methods, minor unit and cash-on-delivery limit", async () => {
  const token = await customer('cust-options');
  const query = `query($c: String!) { seaCheckoutOptions(country: $c) { country currency minorUnitsPerMajor paymentMethods codLimit } }`;
  const [id, th, mm] = await Promise.all([
    postGraphQL(hub.region.url, query, { c: 'ID' }, token),
    postGraphQL(hub.region.url, query, { c: 'TH' }, token),
    postGraphQL(hub.region.url, query, { c: 'MM' }, token),
  ]);
  expect(id.data.seaCheckoutOptions).toEqual({
    country: 'ID',
    currency: 'IDR',
    minorUnitsPerMajor: 1,
    paymentMethods: ['COD', 'CARD', 'E_WALLET', 'BANK_TRANSFER'],
    codLimit: 5_000_000,
  });
  expect(th.data.seaCheckoutOptions).toMatchObject({ currency: 'THB', minorUnitsPerMajor: 100, codLimit: 1_000_000 });
  expect(mm.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
});

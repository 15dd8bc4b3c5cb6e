import { randomUUID } from 'node:crypto';
import type { VatIdChecker } from '../src/vat/vat-id-checker.js';
import { orderInput, PLACE, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/** Intake: data minimisation, compliance steps and VAT, through region-de's GraphQL with core behind it. */
let hub: DeTestHub;
let clockOverride: Date | null = null;
const vatIdChecker: VatIdChecker = {
  check: async (vatId) => (({ ATU99999999: 'INVALID', ATU88888888: 'UNAVAILABLE', FRXX123456789: 'VALID' }) as const)[vatId] ?? 'NOT_CHECKED',
};

beforeAll(async () => {
  hub = await startDeTestHub('de', { vatIdChecker, clock: () => clockOverride ?? new Date() }, { DE_IOSS_NUMBER: 'IM2760000001' });
});
afterAll(async () => hub?.close());
afterEach(() => {
  clockOverride = null;
});

const VAT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de { vat {
  scheme destination taxCountry rate rateValidFrom orderDate netTotal vatTotal vatIdCheck lines { lineNo net vat } } } } } }`;
const DETAILS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de {
  registration customer { name email phone dateOfBirth vatId } shippingAddress { recipientName street houseNumber postalCode city country }
  invoiceAddress { recipientName street city country } } } } }`;
const customerToken = (subject = `cust-de-${randomUUID()}`) => hub.token({ subject, role: 'customer', regions: ['de'] });
const vatOf = async (orderId: string, token: string) => (await hub.gql(VAT, { r: [{ __typename: 'Order', id: orderId }] }, token)).data._entities[0].de.vat;
const line = (unitPrice: number, unitTax: number, attributes?: Record<string, unknown>) => ({
  sku: `SKU-${unitPrice}`,
  name: 'Artikel',
  quantity: 1,
  unitPrice,
  unitTax,
  ...(attributes ? { attributes } : {}),
});
const address = (country: string, postalCode: string) => ({
  recipientName: 'Anna Schmidt',
  street: 'Rue de Rivoli',
  houseNumber: '1',
  postalCode,
  city: 'Paris',
  country,
});

it('places an order, keeps the personal data in the region and registers the order in core', async () => {
  const token = await customerToken('cust-de-1');
  const placed = await hub.gql(PLACE, { input: orderInput() }, token);
  expect(placed.errors).toBeUndefined();
  const orderId = placed.data.placeDeOrder.id;
  await hub.region.commands.whenIdle();

  const [master] = await hub.core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select customer_ref, region, currency, status from core_orders."order" where id = ?`, [orderId]);
  expect(master).toEqual({ customer_ref: 'cust-de-1', region: 'de', currency: 'EUR', status: 'CREATED' });
  const coreTables = JSON.stringify(
    await hub.core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select * from core_orders."order" o join core_orders.order_line l on l.order_id = o.id where o.id = ?`, [orderId]),
  );
  for (const personal of ['Schmidt', 'anna.schmidt', 'Invalidenstraße']) expect(coreTables).not.toContain(personal);

  const details = await hub.gql(DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.errors).toBeUndefined();
  expect(details.data._entities[0].de).toEqual({
    registration: 'REGISTERED',
    // Data minimisation: optional data is absent unless given.
    customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: null, dateOfBirth: null, vatId: null },
    shippingAddress: { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin', country: 'DE' },
    invoiceAddress: { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', city: 'Berlin', country: 'DE' },
  });
  expect(await vatOf(orderId, token)).toEqual({
    scheme: 'DOMESTIC',
    destination: 'DE',
    taxCountry: 'DE',
    rate: 19,
    rateValidFrom: '2021-01-01',
    orderDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    netTotal: 2998,
    vatTotal: 570,
    vatIdCheck: null,
    lines: [{ lineNo: 1, net: 2998, vat: 570 }],
  });
});

it('returns the same order for a repeated idempotency key, also when the retries race', async () => {
  const token = await customerToken('cust-de-2');
  const body = orderInput();
  const results = await Promise.all([1, 2, 3].map(() => hub.gql(PLACE, { input: body }, token)));
  const ids = new Set(results.map((result) => result.data?.placeDeOrder.id));
  expect(ids.size).toBe(1);
  expect([...ids][0]).toEqual(expect.any(String));
  await hub.region.commands.whenIdle();
  const [row] = await hub.core.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders."order" where customer_ref = ?`, ['cust-de-2']);
  expect(row.n).toBe(1);
});

it('keeps a separate invoice address, a date of birth for age-restricted goods and a checked VAT ID', async () => {
  const token = await customerToken();
  const orderId = await hub.place(
    token,
    orderInput({
      customer: { name: 'Anna Schmidt', email: 'anna@example.de', phone: '+4915112345678', dateOfBirth: '1990-04-01', vatId: 'de 123 456 789' },
      billingAddress: { recipientName: 'Schmidt Kaffee GmbH', street: 'Friedrichstraße', houseNumber: '1', postalCode: '10117', city: 'Berlin', country: 'DE' },
      lines: [line(1000, 190, { minimumAge: 18 })],
    }),
  );
  const details = await hub.gql(DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(details.data._entities[0].de.customer).toEqual({
    name: 'Anna Schmidt',
    email: 'anna@example.de',
    phone: '+4915112345678',
    dateOfBirth: '1990-04-01',
    vatId: 'DE123456789',
  });
  expect(details.data._entities[0].de.invoiceAddress).toEqual({
    recipientName: 'Schmidt Kaffee GmbH',
    street: 'Friedrichstraße',
    city: 'Berlin',
    country: 'DE',
  });
  // A German business buying for delivery in Germany pays German VAT; the ID was checked for its format only.
  expect(await vatOf(orderId, token)).toMatchObject({ scheme: 'DOMESTIC', rate: 19, vatIdCheck: 'FORMAT_ONLY' });
});

it('takes the VAT rate in force on the order date', async () => {
  const token = await customerToken();
  clockOverride = new Date('2020-08-15T10:00:00Z');
  const orderId = await hub.place(token, orderInput({ lines: [line(1000, 160)] }));
  expect(await vatOf(orderId, token)).toMatchObject({ scheme: 'DOMESTIC', rate: 16, rateValidFrom: '2020-07-01', orderDate: '2020-08-15' });
});

it('applies reverse charge to a business in another member state with a confirmed VAT ID', async () => {
  const token = await customerToken();
  const orderId = await hub.place(
    token,
    orderInput({
      customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'FRXX123456789' },
      shippingAddress: address('FR', '75001'),
      lines: [line(1000, 0)],
    }),
  );
  expect(await vatOf(orderId, token)).toMatchObject({ scheme: 'REVERSE_CHARGE', taxCountry: null, rate: 0, vatTotal: 0, vatIdCheck: 'VALID' });
});

it('charges IOSS with destination VAT on an import up to EUR 150, and no VAT at sale above', async () => {
  const token = await customerToken();
  const small = await hub.place(token, orderInput({ dispatchCountry: 'CN', shippingAddress: address('FR', '75001'), lines: [line(15_000, 3_000)] }));
  expect(await vatOf(small, token)).toMatchObject({ scheme: 'IOSS', taxCountry: 'FR', rate: 20, vatTotal: 3_000 });
  const large = await hub.place(token, orderInput({ dispatchCountry: 'CN', shippingAddress: address('FR', '75001'), lines: [line(15_001, 0)] }));
  expect(await vatOf(large, token)).toMatchObject({ scheme: 'IMPORT', taxCountry: null, rate: 0, vatTotal: 0 });
});

it('switches distance sales to destination VAT (OSS) from the sale that crosses EUR 10,000 in the year', async () => {
  const token = await customerToken();
  // A cancelled order was never supplied and does not count towards the threshold.
  const cancelled = await hub.place(token, orderInput({ shippingAddress: address('FR', '75001'), lines: [line(600_000, 114_000)] }));
  expect(await vatOf(cancelled, token)).toMatchObject({ scheme: 'DISTANCE_SALE_DE_VAT', taxCountry: 'DE', rate: 19 });
  await hub.moveOrder(cancelled, ['CANCELLED']);
  const below = await hub.place(token, orderInput({ shippingAddress: address('FR', '75001'), lines: [line(500_000, 95_000)] }));
  expect(await vatOf(below, token)).toMatchObject({ scheme: 'DISTANCE_SALE_DE_VAT', taxCountry: 'DE', rate: 19 });
  // 5,000 + 5,000.01 EUR crosses the threshold: French VAT through the OSS, and for every later sale of the year.
  const crossing = await hub.place(token, orderInput({ shippingAddress: address('FR', '75001'), lines: [line(500_001, 100_000)] }));
  expect(await vatOf(crossing, token)).toMatchObject({ scheme: 'OSS', taxCountry: 'FR', rate: 20 });
  const after = await hub.place(token, orderInput({ shippingAddress: address('AT', '1010'), lines: [line(1000, 200)] }));
  expect(await vatOf(after, token)).toMatchObject({ scheme: 'OSS', taxCountry: 'AT', rate: 20 });
});

it.each([
  ['customer.email', undefined, { customer: { name: 'Anna Schmidt', email: 'anna.schmidt.example.de' } }, 'anna.schmidt.example.de'],
  ['customer.phone', undefined, { customer: { name: 'Anna Schmidt', email: 'anna@example.de', phone: '015112345678' } }, '015112345678'],
  ['shippingAddress.country', undefined, { shippingAddress: { ...orderInput().shippingAddress, country: 'CH', postalCode: '8001' } }, 'Invalidenstraße'],
  ['shippingAddress.postalCode', 'POSTAL_CODE_FORMAT', { shippingAddress: { ...orderInput().shippingAddress, postalCode: '1011' } }, 'Invalidenstraße'],
  ['shippingAddress.postalCode', 'OUTSIDE_EU_VAT_AREA', { shippingAddress: { ...address('ES', '35001'), city: 'Las Palmas' } }, 'Rue de Rivoli'],
  ['lines.0.unitTax', 'VAT_AMOUNT_MISMATCH', { lines: [line(1000, 160)] }, 'Invalidenstraße'],
  ['lines.0.name', 'PERSONAL_DATA_IN_LINE', { lines: [{ ...line(1000, 190), name: 'Gravur: Anna Schmidt' }] }, 'Gravur'],
  ['customer.dateOfBirth', 'DATA_NOT_REQUIRED', { customer: { name: 'Anna Schmidt', email: 'anna@example.de', dateOfBirth: '1990-04-01' } }, '1990-04-01'],
  ['customer.dateOfBirth', 'AGE_VERIFICATION_REQUIRED', { lines: [line(1000, 190, { minimumAge: 18 })] }, 'Invalidenstraße'],
  [
    'customer.dateOfBirth',
    'MINIMUM_AGE_NOT_MET',
    { customer: { name: 'Anna Schmidt', email: 'anna@example.de', dateOfBirth: '2015-01-01' }, lines: [line(1000, 190, { minimumAge: 16 })] },
    '2015-01-01',
  ],
  ['customer.vatId', 'VAT_ID_FORMAT', { customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'DE12345' } }, 'DE12345'],
  [
    'customer.vatId',
    'VAT_ID_INVALID',
    { customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'ATU99999999' }, shippingAddress: address('AT', '1010'), lines: [line(1000, 0)] },
    'ATU99999999',
  ],
  [
    'customer.vatId',
    'VAT_ID_NOT_FROM_OTHER_MEMBER_STATE',
    { customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'DE123456789' }, shippingAddress: address('FR', '75001'), lines: [line(1000, 0)] },
    'DE123456789',
  ],
  ['dispatchCountry', 'DISPATCH_COUNTRY_UNSUPPORTED', { dispatchCountry: 'PL' }, 'Invalidenstraße'],
])('rejects an order breaking %s (rule %s) with BAD_USER_INPUT naming field and rule, and writes nothing', async (field, rule, change, personal) => {
  const subject = `cust-de-bad-${randomUUID()}`;
  const result = await hub.gql(PLACE, { input: orderInput(change) }, await customerToken(subject));
  expect(result.data).toBeNull();
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, ...(rule ? { rule } : {}) });
  expect(JSON.stringify(result.errors)).not.toContain(personal);
  const [regional] = await hub.sql(`select count(*)::int as n from region_de.regional_order where customer_ref = ?`, [subject]);
  expect(regional.n).toBe(0);
});

describe('deOrderPlace', () => {
  const PLACE_PAYLOAD = `mutation($input: PlaceDeOrderInput!) { deOrderPlace(input: $input) { order { id } userErrors { code field message } } }`;

  it('answers a broken rule in userErrors, its code naming the rule, and writes nothing', async () => {
    const subject = `cust-de-payload-${randomUUID()}`;
    const result = await hub.gql(PLACE_PAYLOAD, { input: orderInput({ lines: [line(1000, 160)] }) }, await customerToken(subject));
    expect(result.errors).toBeUndefined();
    expect(result.data.deOrderPlace).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'VAT_AMOUNT_MISMATCH', field: ['input', 'lines', '0', 'unitTax'] })],
    });
    const [regional] = await hub.sql(`select count(*)::int as n from region_de.regional_order where customer_ref = ?`, [subject]);
    expect(regional.n).toBe(0);
  });

  it('places the order with no userErrors, and keeps a VAT-ID check that is down a top-level error', async () => {
    const placed = await hub.gql(PLACE_PAYLOAD, { input: orderInput() }, await customerToken());
    expect(placed.data.deOrderPlace.userErrors).toEqual([]);
    expect(placed.data.deOrderPlace.order.id).toMatch(/^[0-9a-f-]{36}$/);
    const unavailable = await hub.gql(
      PLACE_PAYLOAD,
      {
        input: orderInput({
          customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'ATU88888888' },
          shippingAddress: address('AT', '1010'),
          lines: [line(1000, 0)],
        }),
      },
      await customerToken(),
    );
    expect(unavailable.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
  });
});

it('asks to retry when the online VAT-ID check is unavailable', async () => {
  const result = await hub.gql(
    PLACE,
    {
      input: orderInput({
        customer: { name: 'Anna Schmidt', email: 'anna@example.de', vatId: 'ATU88888888' },
        shippingAddress: address('AT', '1010'),
        lines: [line(1000, 0)],
      }),
    },
    await customerToken(),
  );
  expect(result.errors?.[0]?.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', field: 'customer.vatId', rule: 'VAT_ID_UNVERIFIED' });
});

it("hides the order and its personal data from another region's operator", async () => {
  const orderId = await hub.place(await customerToken(), orderInput());
  const cnOperator = await hub.token({ subject: 'op-cn', role: 'operator', regions: ['cn'] });
  const denied = await hub.gql(DETAILS, { r: [{ __typename: 'Order', id: orderId }] }, cnOperator);
  expect(denied.data._entities[0].de).toBeNull();
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  for (const personal of ['Anna', 'Schmidt', 'example.de', 'Invalidenstraße', '10115']) expect(JSON.stringify(denied)).not.toContain(personal);
});

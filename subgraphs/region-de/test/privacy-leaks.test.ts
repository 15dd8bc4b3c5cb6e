import type { NatsConnection } from '@nats-io/transport-node';
import { createCoreApp } from '@hub/core-orders/app';
import type { Principal, Role } from '@hub/shared/auth/principal';
import pg from 'pg';
import { connectTestNats, createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { deEnvSource, orderInput, PLACE, publishDeTestCatalogue } from './de-test-kit.js';
import { startDeProcess, type DeProcess } from './de-process.js';

/**
 * Personal data must not travel beyond region-de's own tables: the real region-de process runs a scenario
 * through every path that touches personal data, and its log, every NATS message of the test's namespace,
 * core's tables, the error responses and region-de's other tables are searched for the values.
 */
const scope = createTestScope('de_leaks');
let core: Awaited<ReturnType<typeof createCoreApp>>;
let region: DeProcess;
let nc: NatsConnection;
const natsMessages: string[] = [];
const responses: string[] = [];

const SECRET = {
  name: 'Zacharias Wunderlich',
  email: 'zacharias.wunderlich@example.de',
  phone: '+4915199988877',
  dateOfBirth: '1971-07-09',
  vatId: 'DE987654321',
  street: 'Geheimgasse',
  city: 'Oberammergau',
  billingName: 'Wunderlich Handelshaus',
  billingStreet: 'Rechnungsweg',
};
/** Fragments that identify the person in any form a leak could take (raw, normalised, digits only). */
const NEEDLES = [
  'Wunderlich',
  'wunderlich',
  'Zacharias',
  'zacharias',
  '4915199988877',
  '15199988877',
  '1971-07-09',
  '987654321',
  'Geheimgasse',
  'Oberammergau',
  'Handelshaus',
  'Rechnungsweg',
];

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  nc = await connectTestNats(scope.env);
  const subscription = nc.subscribe(`${scope.env.NATS_NAMESPACE}.>`);
  void (async () => {
    for await (const message of subscription) natsMessages.push(`${message.subject} ${message.string()}`);
  })();
  const catalogueVersion = await publishDeTestCatalogue(scope);
  region = await startDeProcess({ ...deEnvSource(scope), LOG_LEVEL: 'trace' });
  // The region's copy of the catalogue fills in its own process: its table is the only signal this test can read.
  const database = new pg.Client({ connectionString: scope.env.DATABASE_URL });
  await database.connect();
  await eventually(
    async () => (await database.query('select max(catalogue_version) as v from region_de.catalogue_replica_item')).rows[0].v,
    (version) => Number(version) >= catalogueVersion,
  ).finally(() => database.end());
}, 30_000);

afterAll(async () => {
  await region?.stop();
  await nc?.drain();
  await core?.close();
  await scope.dispose();
});

const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-leak`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});
const gql = async (query: string, variables: Record<string, unknown>, principal: Principal) => {
  const result = await postGraphQL(region.url, query, variables, await scope.token(principal));
  responses.push(JSON.stringify(result));
  return result;
};
const coreGql = async (query: string, variables: Record<string, unknown>) => postGraphQL(core.url, query, variables, await scope.token(who('admin', [])));
const sql = (query: string, params: unknown[] = []) => core.orm.em.fork().getConnection().execute<any[]>(query, params);
async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
const READ = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de {
  customer { name email phone dateOfBirth vatId } shippingAddress { recipientName street postalCode city }
  invoiceAddress { recipientName street } vat { scheme rate } } } } }`;

it("keeps personal data out of logs, NATS, core, errors and region-de's other tables", async () => {
  const customer = who('customer', ['de'], undefined, 'cust-leak');
  const input = orderInput({
    customer: { name: SECRET.name, email: SECRET.email, phone: SECRET.phone, dateOfBirth: SECRET.dateOfBirth, vatId: SECRET.vatId },
    shippingAddress: { recipientName: SECRET.name, street: SECRET.street, houseNumber: '7', postalCode: '82487', city: SECRET.city, country: 'DE' },
    billingAddress: {
      recipientName: SECRET.billingName,
      street: SECRET.billingStreet,
      houseNumber: '1',
      postalCode: '82487',
      city: SECRET.city,
      country: 'DE',
    },
    lines: [{ sku: 'WEIN-1', name: 'Spätburgunder 0.75 l', quantity: 1, unitPrice: 1000, unitTax: 190, attributes: { minimumAge: 16 } }],
  });
  const placed = await gql(PLACE, { input }, customer);
  const orderId = placed.data.placeDeOrder.id as string;

  // Refusals whose input carries personal data.
  const refusals = await Promise.all([
    gql(PLACE, { input: { ...input, idempotencyKey: 'leak-refusal-1', lines: [{ ...input.lines[0], name: `Gravur ${SECRET.name}` }] } }, customer),
    gql(PLACE, { input: { ...input, idempotencyKey: 'leak-refusal-2', customer: { ...input.customer, email: 'zacharias.wunderlich-at-example' } } }, customer),
    gql(PLACE, { input: { ...input, idempotencyKey: 'leak-refusal-3', customer: { ...input.customer, vatId: 'DE98765' } } }, customer),
    gql(PLACE, { input: { ...input, idempotencyKey: 'leak-refusal-4', customer: { ...input.customer, dateOfBirth: '2015-07-09' } } }, customer),
  ]);
  expect(refusals.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);

  // Reads in every form: full, masked, withheld.
  const reads = await Promise.all([
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, customer),
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('operator', ['de'])),
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('auditor', [], 'audit')),
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('carrier', ['de'])),
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('customer_service', ['de'], 'support')),
    gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('operator', ['cn'])),
  ]);
  expect(reads[0]!.data._entities[0].de.customer.name).toBe(SECRET.name);
  expect(reads[3]!.errors?.length).toBeGreaterThan(0);

  const supportCase = await gql(
    `mutation($input: DeOpenSupportCaseInput!) { openDeSupportCase(input: $input) { id } }`,
    { input: { orderId, topic: 'INVOICE' } },
    who('customer_service', ['de'], 'support'),
  );
  await gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('customer_service', ['de'], 'support'));
  await gql(
    `mutation($id: ID!) { closeDeSupportCase(id: $id) { closedAt } }`,
    { id: supportCase.data.openDeSupportCase.id },
    who('customer_service', ['de'], 'support'),
  );
  await gql(`mutation { grantDeMarketingConsent(input: { channel: EMAIL, wordingVersion: "v1" }) { current { granted } } }`, {}, customer);
  const exported = await gql(`{ deDataExport }`, {}, customer);
  expect(exported.data.deDataExport.orders[0].customer.name).toBe(SECRET.name);

  // Fulfil the order through core once registered (events travel over JetStream to the process), then erase.
  await until(async () => (await sql(`select count(*)::int as n from core_orders."order" where id = ?`, [orderId]))[0]?.n === 1);
  let version = 1;
  for (const status of ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED']) {
    const moved = await coreGql(`mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }`, {
      input: { orderId, status, expectedVersion: version },
    });
    version = moved.data.changeOrderStatus.version;
  }
  await until(async () => (await sql(`select status from region_de.regional_order where order_id = ?`, [orderId]))[0]?.status === 'SIGNED');
  const erasure = await gql(`mutation { requestDeErasure { restrictedOrders consentEventsDeleted } }`, {}, customer);
  expect(erasure.data.requestDeErasure).toEqual({ restrictedOrders: 1, consentEventsDeleted: 1 });
  const restricted = await gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, who('tax_auditor', [], 'tax_audit'));
  expect(restricted.data._entities[0].de.customer.name).toBe(SECRET.name);
  await gql(READ, { r: [{ __typename: 'Order', id: orderId }] }, customer);

  await region.stop(); // flushes the process's log
  await nc.flush();

  // The captures are real: the process logged its start, its refusals and the erasure; NATS carried the order flow.
  const log = region.output.join('\n');
  expect(log).toContain(' listening"');
  expect(log).toContain('"rule":"PERSONAL_DATA_IN_LINE"');
  expect(log).toContain('erasure request carried out');
  expect(natsMessages.some((m) => m.startsWith(`${scope.env.NATS_NAMESPACE}.core.v1.commands.region-de `))).toBe(true);
  expect(natsMessages.some((m) => m.startsWith(`${scope.env.NATS_NAMESPACE}.orders.v1.status-changed.de `))).toBe(true);

  const coreDump = JSON.stringify(
    await sql(`select table_name from information_schema.tables where table_schema = 'core_orders'`).then((tables) =>
      Promise.all(tables.map((t) => sql(`select * from core_orders."${t.table_name}"`))),
    ),
  );
  const regionOtherTables = JSON.stringify(
    await Promise.all(
      [
        'regional_order',
        'regional_order_status_event',
        'de_order_vat',
        'personal_data_access_log',
        'de_privacy_log',
        'de_support_case',
        'de_marketing_consent_event',
        'outbox_event',
        'core_command',
      ].map((table) => sql(`select * from region_de."${table}"`)),
    ),
  );
  const deniedAndFailed = responses.filter((body) => body.includes('"errors"')).map((body) => JSON.parse(body).errors);
  const places: Record<string, string> = {
    'the region-de log': log,
    'NATS messages': natsMessages.join('\n'),
    "core's tables": coreDump,
    "region-de's non-personal tables": regionOtherTables,
    'error entries': JSON.stringify(deniedAndFailed),
  };
  for (const [place, text] of Object.entries(places)) {
    const found = NEEDLES.filter((needle) => text.includes(needle));
    expect([place, found]).toEqual([place, []]);
  }
}, 30_000);

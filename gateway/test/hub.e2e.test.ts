import { randomUUID } from 'node:crypto';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/** The whole hub as real processes: gateway → subgraphs over HTTP, regions ↔ core over NATS, PostgreSQL underneath. */
const scope = createTestScope('e2e');
let hub: HubProcesses;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  // Each region prices SKU-1 from its copy of this catalogue, at the destination's VAT (CN 13 %, DE 19 %, TH 7 %).
  await publishTestCatalogue(scope.env, [
    { region: 'cn', currencies: ['CNY'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
    { region: 'de', currencies: ['EUR'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
    { region: 'sea', currencies: ['THB'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] },
  ]);
  hub = await startHubProcesses(scope.env);
  const principals = {
    admin: { subject: 'admin-1', role: 'admin', regions: [] },
    auditor: { subject: 'auditor-1', role: 'auditor', regions: [] },
    cnOperator: { subject: 'op-cn', role: 'operator', regions: ['cn'] },
    deOperator: { subject: 'op-de', role: 'operator', regions: ['de'] },
    carrier: { subject: 'courier-1', role: 'carrier', regions: ['cn'] },
    cnCustomer: { subject: 'cust-cn-e2e', role: 'customer', regions: ['cn'] },
    deCustomer: { subject: 'cust-de-e2e', role: 'customer', regions: ['de'] },
    seaCustomer: { subject: 'cust-sea-e2e', role: 'customer', regions: ['sea'] },
  } as const;
  for (const [name, principal] of Object.entries(principals)) tokens[name] = await scope.token({ ...principal, regions: [...principal.regions] });
}, 180_000);

afterAll(async () => {
  await hub?.close();
  await scope.dispose();
});

const gql = (query: string, variables: Record<string, unknown>, token: string) => postGraphQL(hub.gatewayUrl, query, variables, token);
const line = { sku: 'SKU-1', quantity: 2 };
const GRAND_TOTALS = { cn: 2 * (1000 + 130), de: 2 * (1000 + 190), sea: 2 * (1000 + 70) };

const placements = {
  cn: {
    mutation: PLACE_CN_ORDER,
    token: 'cnCustomer',
    input: () => cnOrderInput([line]),
    regionalFields: `cn { customer { name } shippingAddress { city } }`,
    expected: { cn: { customer: { name: '王芳' }, shippingAddress: { city: '上海市' } } },
  },
  de: {
    mutation: `mutation($input: PlaceDeOrderInput!) { order: placeDeOrder(input: $input) { id } }`,
    token: 'deCustomer',
    input: () => ({
      idempotencyKey: randomUUID(),
      lines: [line],
      customer: { name: 'Anna Schmidt', email: 'anna@example.de' },
      shippingAddress: { recipientName: 'Anna Schmidt', street: 'Hauptstraße', houseNumber: '5', postalCode: '10115', city: 'Berlin', country: 'DE' },
    }),
    regionalFields: `de { customer { name } shippingAddress { city } }`,
    expected: { de: { customer: { name: 'Anna Schmidt' }, shippingAddress: { city: 'Berlin' } } },
  },
  sea: {
    mutation: `mutation($input: PlaceSeaOrderInput!) { order: placeSeaOrder(input: $input) { id } }`,
    token: 'seaCustomer',
    input: () => ({
      idempotencyKey: randomUUID(),
      lines: [line],
      currency: 'THB',
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
    regionalFields: `sea { customer { name } shippingAddress { city } }`,
    expected: { sea: { customer: { name: 'Somchai P.' }, shippingAddress: { city: 'Bangkok' } } },
  },
} as const;

/** Places an order and waits until core has registered it (the region answers before that). */
async function place(region: keyof typeof placements, input = placements[region].input()): Promise<string> {
  const { mutation, token } = placements[region];
  const result = await gql(mutation, { input }, tokens[token]!);
  expect(result.errors).toBeUndefined();
  const id = result.data.order.id;
  await eventually(
    () => gql(`query($id: ID!) { found: ${region}Order(id: $id) { ${region} { registration } } }`, { id }, tokens[token]!),
    (read) => read.data?.found?.[region]?.registration === 'REGISTERED',
  );
  return id;
}

const ORDER = `query($id: ID!) { order(id: $id) { id number region status version timeline { from to actor { type id: subject } } } }`;

it.each(Object.keys(placements) as Array<keyof typeof placements>)('places a %s order and reads master and regional data in one query', async (region) => {
  const id = await place(region);
  const { regionalFields, token, expected } = placements[region];
  const result = await gql(`query($id: ID!) { order(id: $id) { id region status totals { grandTotal } ${regionalFields} } }`, { id }, tokens[token]!);
  expect(result.errors).toBeUndefined();
  expect(result.data.order).toEqual({ id, region, status: 'CREATED', totals: { grandTotal: GRAND_TOTALS[region] }, ...expected });
});

it('returns one order for the same idempotency key sent twice through the gateway', async () => {
  const input = placements.cn.input();
  const [first, second] = [await place('cn', input), await place('cn', input)];
  expect(second).toBe(first);
  const list = await gql(`{ orders(first: 100) { nodes { id } } }`, {}, tokens.cnCustomer!);
  expect(list.data.orders.nodes.filter((node: { id: string }) => node.id === first)).toHaveLength(1);
});

it('walks an order through every status, recording each step with its actor, and audits it', async () => {
  const id = await place('cn');
  const steps = [
    ['PAID', 'cnOperator'],
    ['PICKED', 'cnOperator'],
    ['PACKED', 'cnOperator'],
    ['OUTBOUND', 'cnOperator'],
    ['FIRST_SCAN', 'carrier'],
    ['OUT_FOR_DELIVERY', 'carrier'],
    ['SIGNED', 'carrier'],
  ] as const;
  let version = 1;
  for (const [status, actor] of steps) {
    const result = await gql(
      `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status version } }`,
      { input: { orderId: id, status, expectedVersion: version } },
      tokens[actor]!,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.changeOrderStatus).toEqual({ status, version: version + 1 });
    version += 1;
  }
  const { data } = await gql(ORDER, { id }, tokens.admin!);
  expect(data.order.timeline.map((step: { to: string }) => step.to)).toEqual(['CREATED', ...steps.map(([status]) => status)]);
  expect(data.order.timeline.at(-1)).toEqual({ from: 'OUT_FOR_DELIVERY', to: 'SIGNED', actor: { type: 'carrier', id: 'courier-1' } });
  expect(data.order.timeline[1].actor).toEqual({ type: 'user', id: 'op-cn' });

  const audit = await gql(`query($id: String!) { auditTrail(filter: { entityId: $id }) { nodes { action actorId before after } } }`, { id }, tokens.auditor!);
  expect(audit.errors).toBeUndefined();
  const entries = [...audit.data.auditTrail.nodes].reverse();
  expect(entries.map((entry: { action: string }) => entry.action)).toEqual(['order.placed', ...steps.map(() => 'order.status-changed')]);
  expect(entries[1]).toMatchObject({ actorId: 'op-cn', before: { status: 'CREATED', version: 1 }, after: { status: 'PAID', version: 2 } });

  const illegal = await gql(
    `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
    { input: { orderId: id, status: 'PAID', expectedVersion: version } },
    tokens.admin!,
  );
  expect(illegal.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATUS_TRANSITION', from: 'SIGNED', to: 'PAID' });
});

it('lets one of two concurrent updates win and answers the other with CONFLICT', async () => {
  const id = await place('cn');
  const change = (status: string) =>
    gql(
      `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
      { input: { orderId: id, status, expectedVersion: 1 } },
      tokens.cnOperator!,
    );
  const results = await Promise.all([change('PAID'), change('CANCELLED')]);
  const winners = results.filter((result) => !result.errors);
  const losers = results.filter((result) => result.errors);
  expect(winners).toHaveLength(1);
  expect(losers).toHaveLength(1);
  expect(losers[0]!.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  const { data } = await gql(ORDER, { id }, tokens.admin!);
  expect(data.order.version).toBe(2);
  expect(data.order.timeline).toHaveLength(2);
});

it('denies every mutation to auditors, and gives them no direct identifiers', async () => {
  const id = await place('cn');
  const change = await gql(
    `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
    { input: { orderId: id, status: 'PAID', expectedVersion: 1 } },
    tokens.auditor!,
  );
  expect(change.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const placeAttempt = await gql(placements.cn.mutation, { input: placements.cn.input() }, tokens.auditor!);
  expect(placeAttempt.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const read = await gql(`query($id: ID!) { order(id: $id) { status cn { customer { name phone } shippingAddress { province } } } }`, { id }, tokens.auditor!);
  expect(read.data.order.status).toBe('CREATED');
  expect(read.data.order.cn).toEqual({ customer: null, shippingAddress: { province: '上海市' } });
  expect(read.errors?.map((error: any) => error.extensions)).toEqual([
    expect.objectContaining({ code: 'FORBIDDEN', reason: 'DATA_MINIMISATION', field: 'customer.name' }),
  ]);
  expect(JSON.stringify(read)).not.toMatch(/王|5678/);
});

it('keeps an operator of CN out of a DE order', async () => {
  const id = await place('de');
  const result = await gql(`query($id: ID!) { order(id: $id) { id de { customer { name } } } }`, { id }, tokens.cnOperator!);
  expect(result.data?.order ?? null).toBeNull();
  expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(JSON.stringify(result)).not.toContain('Anna');
});

it('rejects bad input with BAD_USER_INPUT and the field, writing nothing', async () => {
  const input = { ...placements.cn.input(), lines: [{ ...line, quantity: 0 }] };
  const result = await gql(placements.cn.mutation, { input }, tokens.cnCustomer!);
  expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.quantity' });
  expect(JSON.stringify(result.errors)).not.toMatch(/stack|select|insert/i);
});

it('authenticates every call, at the gateway and again at each subgraph', async () => {
  const anonymous = await postGraphQL(hub.gatewayUrl, `{ regions { code } }`);
  expect(anonymous.status).toBe(401);
  for (const service of ['core-orders', 'region-cn', 'region-de', 'region-sea'] as const) {
    const direct = await postGraphQL(hub.url(service), `{ __typename }`, {}, 'forged.token.value');
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  const regions = await gql(`{ regions { code } }`, {}, tokens.auditor!);
  expect(regions.data.regions.map((r: { code: string }) => r.code)).toEqual(['cn', 'de', 'sea']);
});

it('reports health and readiness on every service', async () => {
  for (const url of Object.values(hub.urls)) {
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const ready = await fetch(`${url}/ready`);
    expect(ready.status).toBe(200);
  }
});

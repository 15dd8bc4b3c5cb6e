import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTestNats, createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { createCoreApp } from '../src/app.js';
import { registerInCore } from './order-fixtures.js';

// Contract tests of the API's one refusal shape and one pagination shape, with the deprecated shapes beside them.
const scope = createTestScope('core-api');
let app: Awaited<ReturnType<typeof createCoreApp>>;
let nc: NatsConnection;
let admin: string;

beforeAll(async () => {
  app = await createCoreApp({ ...scope.env, PORT: 0 });
  nc = await connectTestNats(scope.env);
  admin = await scope.token({ subject: 'admin-1', role: 'admin', regions: [] });
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
  await scope.dispose();
});

/** Registers an order the way a region's command relay does. */
const registerOrder = (customerRef = 'cust-api') => registerInCore(nc, scope.env.NATS_NAMESPACE, { customerRef, actor: { type: 'user', id: customerRef } });

const CHANGE = `mutation($input: ChangeOrderStatusInput!) {
  orderStatusChange(input: $input) { order { id status version } userErrors { code field message } }
}`;
const OLD_CHANGE = `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { id status version } }`;

describe('refusals', () => {
  it('answers a stale expectedVersion in userErrors, keeping data, and changes nothing', async () => {
    const order = await registerOrder();
    const moved = await postGraphQL(app.url, CHANGE, { input: { orderId: order.id, status: 'PAID', expectedVersion: 1 } }, admin);
    expect(moved.errors).toBeUndefined();
    expect(moved.data.orderStatusChange).toEqual({ order: { id: order.id, status: 'PAID', version: 2 }, userErrors: [] });

    const stale = await postGraphQL(app.url, CHANGE, { input: { orderId: order.id, status: 'CANCELLED', expectedVersion: 1 } }, admin);
    expect(stale.errors).toBeUndefined();
    expect(stale.data.orderStatusChange.order).toBeNull();
    expect(stale.data.orderStatusChange.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })]);

    const illegal = await postGraphQL(app.url, CHANGE, { input: { orderId: order.id, status: 'SIGNED', expectedVersion: 2 } }, admin);
    expect(illegal.data.orderStatusChange.userErrors[0].code).toBe('INVALID_STATUS_TRANSITION');

    const read = await postGraphQL(app.url, `query($id: ID!) { orderByIdentifier(identifier: { id: $id }) { status version } }`, { id: order.id }, admin);
    expect(read.data.orderByIdentifier).toEqual({ status: 'PAID', version: 2 });
  });

  it('answers an unknown order as NOT_FOUND in userErrors', async () => {
    const missing = await postGraphQL(app.url, CHANGE, { input: { orderId: randomUUID(), status: 'PAID', expectedVersion: 1 } }, admin);
    expect(missing.data.orderStatusChange).toEqual({ order: null, userErrors: [expect.objectContaining({ code: 'NOT_FOUND' })] });
  });

  it('keeps what the caller did not cause at the top level', async () => {
    const order = await registerOrder();
    const auditor = await scope.token({ subject: 'auditor-1', role: 'auditor', regions: [] });
    const denied = await postGraphQL(app.url, CHANGE, { input: { orderId: order.id, status: 'PAID', expectedVersion: 1 } }, auditor);
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('still refuses through the deprecated mutation with extensions.code', async () => {
    const order = await registerOrder();
    const stale = await postGraphQL(app.url, OLD_CHANGE, { input: { orderId: order.id, status: 'PAID', expectedVersion: 7 } }, admin);
    expect(stale.data).toBeNull();
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const moved = await postGraphQL(app.url, OLD_CHANGE, { input: { orderId: order.id, status: 'PAID', expectedVersion: 1 } }, admin);
    expect(moved.data.changeOrderStatus).toEqual({ id: order.id, status: 'PAID', version: 2 });
  });
});

describe('lookups', () => {
  const LOOKUP = `query($a: OrderIdentifierInput!, $b: OrderIdentifierInput!) {
    a: orderByIdentifier(identifier: $a) { id number }
    b: orderByIdentifier(identifier: $b) { id }
  }`;

  it('answers null for a missing or hidden order without failing the rest', async () => {
    const order = await registerOrder('cust-lookup');
    const owner = await scope.token({ subject: 'cust-lookup', role: 'customer', regions: ['cn'] });
    const found = await postGraphQL(app.url, LOOKUP, { a: { number: order.number }, b: { id: randomUUID() } }, owner);
    expect(found.errors).toBeUndefined();
    expect(found.data).toEqual({ a: { id: order.id, number: order.number }, b: null });

    const stranger = await scope.token({ subject: 'someone-else', role: 'customer', regions: ['cn'] });
    const hidden = await postGraphQL(app.url, LOOKUP, { a: { id: order.id }, b: { number: 'CN-000000-000000' } }, stranger);
    expect(hidden.data).toEqual({ a: null, b: null });
  });

  it('refuses an identifier that names both or neither', async () => {
    const both = await postGraphQL(app.url, LOOKUP, { a: { id: randomUUID(), number: 'X' }, b: {} }, admin);
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'identifier' });
  });
});

describe('connections', () => {
  it('pages orders with edges, nodes and cursors, each order once', async () => {
    const ref = `cust-page-${randomUUID()}`;
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) ids.add((await registerOrder(ref)).id);
    const query = `query($after: String, $ref: String) {
      orders(first: 2, after: $after, filter: { customerRef: $ref }) { edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const result: any = await postGraphQL(app.url, query, { after, ref }, admin);
      const page = result.data.orders;
      expect(page.edges.map((edge: any) => edge.node)).toEqual(page.nodes);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(ids);
    expect(seen).toHaveLength(5);
  });

  it('pages the audit trail and keeps its deprecated page fields', async () => {
    await registerOrder();
    await registerOrder();
    const first: any = await postGraphQL(
      app.url,
      `{ auditTrail(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage endCursor } endCursor hasNextPage } }`,
      {},
      admin,
    );
    const page = first.data.auditTrail;
    expect(page.edges).toHaveLength(1);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[0].cursor });
    expect([page.endCursor, page.hasNextPage]).toEqual([page.pageInfo.endCursor, true]);
    const next: any = await postGraphQL(
      app.url,
      `query($after: String) { auditTrail(first: 1, after: $after) { nodes { id } } }`,
      { after: page.pageInfo.endCursor },
      admin,
    );
    expect(Number(next.data.auditTrail.nodes[0].id)).toBeLessThan(Number(page.edges[0].node.id));
  });

  it('pages schema submissions, keeping the deprecated list', async () => {
    const result: any = await postGraphQL(
      app.url,
      `{ schemaSubmissionsConnection(first: 1) { nodes { id name accepted } pageInfo { hasNextPage endCursor } } schemaSubmissions { id } }`,
      {},
      admin,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.schemaSubmissionsConnection.nodes).toEqual(
      result.data.schemaSubmissions.slice(0, 1).map((s: { id: string }) => expect.objectContaining(s)),
    );
  });

  it.each(['orders', 'auditTrail', 'schemaSubmissionsConnection', 'regionSummariesConnection', 'reconciliationFindingsConnection'])(
    '%s refuses first outside 1..100 and a forged cursor on their fields',
    async (field) => {
      for (const first of [0, 101]) {
        const result = await postGraphQL(app.url, `query($first: Int) { ${field}(first: $first) { pageInfo { hasNextPage } } }`, { first }, admin);
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      const forged = await postGraphQL(
        app.url,
        `query($after: String) { ${field}(after: $after) { nodes { __typename } } }`,
        { after: 'bm90LWEtY3Vyc29y' },
        admin,
      );
      expect(forged.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
      const max = await postGraphQL(
        app.url,
        `{ ${field}(first: 100) { edges { cursor } nodes { __typename } pageInfo { hasNextPage endCursor } } }`,
        {},
        admin,
      );
      expect(max.errors).toBeUndefined();
    },
  );
});

describe('ids and enums', () => {
  it('gives registry objects ids of their own and enum codes', async () => {
    const result: any = await postGraphQL(app.url, `{ subgraphs { id name status health } regions { id code } }`, {}, admin);
    expect(result.errors).toBeUndefined();
    for (const subgraph of result.data.subgraphs) {
      expect(subgraph.id).toBe(subgraph.name);
      expect(subgraph.health).toBe(subgraph.status);
      expect(['UP', 'NOT_READY', 'STALE', 'DOWN']).toContain(subgraph.health);
    }
    for (const region of result.data.regions) expect(region.id).toBe(region.code);
  });
});

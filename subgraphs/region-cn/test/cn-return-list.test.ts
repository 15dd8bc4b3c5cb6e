import { randomUUID } from 'node:crypto';
import { startCnReturnsHub, type CnReturnsHub } from './support/cn-returns-hub.js';

/**
 * The staff work list of CN returns (`cnReturns`) against real PostgreSQL: keyset pages in both orders, filters,
 * who may read it and what it refuses. Returns are written straight into the table, so their times and states
 * are known exactly; how a return reaches each state is cn-returns.test.ts's subject.
 */
let hub: CnReturnsHub;

const LIST = `query($first: Int, $after: String, $filter: CnReturnsFilterInput, $sort: CnReturnListSort) {
  cnReturns(first: $first, after: $after, filter: $filter, sort: $sort) {
    edges { cursor node { id } }
    nodes { id state requestedAt order { id } }
    pageInfo { hasNextPage endCursor }
  } }`;

const BASE = Date.parse('2026-06-01T08:00:00.000Z');
const MINUTE = 60_000;
/** Minutes after BASE and state; two share a minute so the id has to break the tie. */
const SEEDED = [
  [0, 'REQUESTED'],
  [1, 'REFUNDED'],
  [2, 'PICKUP_SCHEDULED'],
  [2, 'REJECTED'],
  [3, 'WITHDRAWN'],
  [4, 'PICKED_UP'],
  [5, 'RECEIVED'],
  [6, 'REFUNDED'],
  [7, 'REFUSED_BY_CORE'],
] as const;
type Seeded = { id: string; orderId: string; state: string; requestedAt: string };
let seeded: Seeded[];

const byNewest = (a: Seeded, b: Seeded) => b.requestedAt.localeCompare(a.requestedAt) || b.id.localeCompare(a.id);

beforeAll(async () => {
  hub = await startCnReturnsHub('cn_return_list');
  seeded = SEEDED.map(([minutes, state]) => ({
    id: randomUUID(),
    orderId: randomUUID(),
    state,
    requestedAt: new Date(BASE + minutes * MINUTE).toISOString(),
  }));
  const connection = hub.region.orm.em.fork().getConnection();
  for (const ret of seeded) {
    await connection.execute(
      `insert into region_cn.cn_return (id, order_id, requested_by, idempotency_key, state, requested_at, window_closes_before, refund_destination, version, created_at, updated_at)
       values (?, ?, 'cust-list', ?, ?, ?, ?, 'ORIGINAL_PAYMENT', 1, now(), now())`,
      [ret.id, ret.orderId, randomUUID(), ret.state, ret.requestedAt, new Date(BASE + 7 * 24 * 60 * MINUTE).toISOString()],
    );
  }
});
afterAll(async () => {
  await hub?.close();
});

async function readAll(bearer: string, variables: Record<string, unknown>) {
  const pages: Array<Array<{ id: string; state: string; requestedAt: string; order: { id: string } }>> = [];
  let after: string | null = null;
  do {
    const result = await hub.gql(LIST, { ...variables, after }, bearer);
    expect(result.errors).toBeUndefined();
    const page: any = result.data.cnReturns;
    expect(page.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual(page.nodes.map((node: { id: string }) => node.id));
    if (page.nodes.length) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
    pages.push(page.nodes);
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && pages.length < 20);
  return pages;
}

it('pages through every return newest first and oldest first, each exactly once, ties broken by id', async () => {
  const operator = await hub.staff('customer_service', 'cs-list');
  const newest = await readAll(operator, { first: 4 });
  expect(newest.map((page) => page.length)).toEqual([4, 4, 1]);
  const expected = [...seeded].sort(byNewest);
  expect(newest.flat().map((ret) => ret.id)).toEqual(expected.map((ret) => ret.id));
  expect(newest.flat()[0]).toEqual({
    id: expected[0]!.id,
    state: expected[0]!.state,
    requestedAt: expected[0]!.requestedAt,
    order: { id: expected[0]!.orderId },
  });

  const oldest = await readAll(operator, { first: 2, sort: 'OLDEST_FIRST' });
  expect(oldest.map((page) => page.length)).toEqual([2, 2, 2, 2, 1]);
  expect(oldest.flat().map((ret) => ret.id)).toEqual(expected.map((ret) => ret.id).reverse());
});

it('keeps its place when a return is added before the cursor', async () => {
  const operator = await hub.staff('operator');
  const first = (await hub.gql(LIST, { first: 3, sort: 'OLDEST_FIRST' }, operator)).data.cnReturns;
  const late = { id: randomUUID(), requestedAt: new Date(BASE - MINUTE).toISOString() };
  await hub.region.orm.em
    .fork()
    .getConnection()
    .execute(
      `insert into region_cn.cn_return (id, order_id, requested_by, idempotency_key, state, requested_at, window_closes_before, refund_destination, version, created_at, updated_at)
       values (?, ?, 'cust-list', ?, 'WITHDRAWN', ?, ?, 'ORIGINAL_PAYMENT', 1, now(), now())`,
      [late.id, randomUUID(), randomUUID(), late.requestedAt, late.requestedAt],
    );
  try {
    const next = (await hub.gql(LIST, { first: 3, sort: 'OLDEST_FIRST', after: first.pageInfo.endCursor }, operator)).data.cnReturns;
    const oldest = [...seeded].sort(byNewest).reverse();
    expect(next.nodes.map((ret: { id: string }) => ret.id)).toEqual(oldest.slice(3, 6).map((ret) => ret.id));
  } finally {
    await hub.region.orm.em.fork().getConnection().execute(`delete from region_cn.cn_return where id = ?`, [late.id]);
  }
});

it('filters by state, by open or closed, and by a requested-at window', async () => {
  const operator = await hub.staff('operator');
  const ids = async (filter: Record<string, unknown>) => (await readAll(operator, { first: 100, filter })).flat().map((ret) => ret.id);
  const where = (keep: (ret: Seeded) => boolean) =>
    [...seeded]
      .sort(byNewest)
      .filter(keep)
      .map((ret) => ret.id);

  expect(await ids({ states: ['REFUNDED'] })).toEqual(where((ret) => ret.state === 'REFUNDED'));
  expect(await ids({ states: ['REFUNDED', 'REQUESTED'] })).toEqual(where((ret) => ['REFUNDED', 'REQUESTED'].includes(ret.state)));
  const open = ['REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED'];
  expect(await ids({ open: true })).toEqual(where((ret) => open.includes(ret.state)));
  expect(await ids({ open: false })).toEqual(where((ret) => !open.includes(ret.state)));
  expect(await ids({ open: false, states: ['REFUNDED', 'RECEIVED'] })).toEqual(where((ret) => ret.state === 'REFUNDED'));
  expect(await ids({ open: true, states: ['REFUNDED'] })).toEqual([]);
  const from = new Date(BASE + 2 * MINUTE).toISOString();
  const to = new Date(BASE + 5 * MINUTE).toISOString();
  expect(await ids({ requestedFrom: from, requestedTo: to })).toEqual(where((ret) => ret.requestedAt >= from && ret.requestedAt < to));
  expect(await ids({ requestedFrom: from, requestedTo: to, open: true })).toEqual(
    where((ret) => ret.requestedAt >= from && ret.requestedAt < to && open.includes(ret.state)),
  );
});

it('answers CN service staff, admins and auditors only', async () => {
  const code = async (bearer: string) => (await hub.gql(LIST, { first: 1 }, bearer)).errors?.[0]?.extensions?.code;
  expect(await code(await hub.customer('cust-list'))).toBe('FORBIDDEN');
  expect(await code(await hub.staff('warehouse'))).toBe('FORBIDDEN');
  expect(await code(await hub.staff('carrier'))).toBe('FORBIDDEN');
  expect(await code(await hub.staff('operator', 'op-de', ['de']))).toBe('FORBIDDEN');
  expect(await code(await hub.staff('customer_service', 'cs-sea', ['sea']))).toBe('FORBIDDEN');
  for (const bearer of [
    await hub.staff('operator'),
    await hub.staff('customer_service'),
    await hub.staff('admin', 'admin-1', []),
    await hub.staff('auditor', 'aud-1', []),
  ]) {
    const result = await hub.gql(LIST, { first: 1 }, bearer);
    expect(result.errors).toBeUndefined();
    expect(result.data.cnReturns.nodes).toHaveLength(1);
  }
  expect((await hub.gql(LIST, { first: 1 }, '')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it('refuses a cursor it did not hand out, a page size out of range and an empty or backwards filter, naming the field', async () => {
  const operator = await hub.staff('operator');
  const refusal = async (variables: Record<string, unknown>) => (await hub.gql(LIST, variables, operator)).errors?.[0]?.extensions;
  const forged = [
    'forged',
    Buffer.from(JSON.stringify(['2026-06-01T08:00:00.000Z'])).toString('base64url'),
    Buffer.from(JSON.stringify(['not a time', randomUUID()])).toString('base64url'),
    Buffer.from(JSON.stringify(['2026-06-01T08:00:00.000Z', 'not-a-uuid'])).toString('base64url'),
  ];
  for (const after of forged) expect(await refusal({ after })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  for (const first of [0, -1, 101]) expect(await refusal({ first })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  expect(await refusal({ filter: { states: [] } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.states' });
  const at = new Date(BASE).toISOString();
  expect(await refusal({ filter: { requestedFrom: at, requestedTo: at } })).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.requestedTo' });
  expect((await hub.gql(LIST, { filter: { states: ['LOST'] } }, operator)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

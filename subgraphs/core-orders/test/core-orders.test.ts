import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import type { CommandReply, RegisterOrderRequest } from '@hub/shared/messaging/contracts';
import { connectTestNats, createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { statementsSentBy } from '@hub/shared/testing/statements-sent';
import { createCoreApp } from '../src/app.js';
import { registration, sendCoreCommand } from './order-fixtures.js';

const scope = createTestScope('core');
const HEARTBEAT_MS = 100;
const subjects = subjectsFor(scope.env.NATS_NAMESPACE);
let app: Awaited<ReturnType<typeof createCoreApp>>;
let nc: NatsConnection;

beforeAll(async () => {
  // A short heartbeat interval lets the test see core outlive the DOWN threshold quickly.
  app = await createCoreApp({ ...scope.env, PORT: 0, HEARTBEAT_INTERVAL_MS: HEARTBEAT_MS });
  nc = await connectTestNats(scope.env);
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
  await scope.dispose();
});

function send(command: Record<string, unknown>): Promise<CommandReply> {
  // A registration is sent as the order's region: only a region's own identity may register its orders.
  const source = command.kind === 'order.register' ? `region-${(command.body as RegisterOrderRequest).region}` : 'region-cn';
  return sendAs(source, command);
}

function sendAs(sender: string, command: Record<string, unknown>): Promise<CommandReply> {
  return sendCoreCommand(nc, scope.env.NATS_NAMESPACE, sender, command);
}

function register(request: RegisterOrderRequest): Promise<CommandReply> {
  return send({ commandId: `order.register:${request.orderId}`, orderId: request.orderId, kind: 'order.register', body: request });
}

function transition(orderId: string, to: string, commandId: string, occurredAt = new Date()): Promise<CommandReply> {
  return send({
    commandId,
    orderId,
    sequence: 2,
    kind: 'order.transition',
    body: { to, occurredAt: occurredAt.toISOString(), actor: { type: 'system', id: 'region-cn' } },
  });
}

it('registers an order once per idempotency key, even when the requests race', async () => {
  const request = registration();
  const replies = await Promise.all([register(request), register(request), register(request)]);
  expect(replies.every((reply) => reply.outcome === 'accepted')).toBe(true);
  const ids = new Set(replies.map((reply) => (reply.outcome === 'accepted' ? reply.order.orderId : null)));
  expect(ids).toEqual(new Set([request.orderId]));
  const [{ n }] = await app.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders."order" where idempotency_key = ?`, [`cn:${request.idempotencyKey}`]);
  expect(n).toBe(1);
});

it('registers orders arriving together in one batch, each with its own answer, also when one of them is refused', async () => {
  const together = Array.from({ length: 6 }, () => registration());
  const first = await Promise.all(together.map(register));
  expect(first.map((reply) => reply.outcome === 'accepted' && reply.order.orderId)).toEqual(together.map((request) => request.orderId));

  // A batch with an unknown region and a reused key beside new orders: only those two are refused.
  const fresh = Array.from({ length: 3 }, () => registration());
  const replies = await Promise.all([
    ...fresh.map(register),
    register(registration({ region: 'xx' })),
    register({ ...together[0]!, orderId: randomUUID(), lines: [{ ...together[0]!.lines[0]!, quantity: 3 }] }),
    register(together[1]!),
  ]);
  expect(replies.map((reply) => reply.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'rejected', 'rejected', 'accepted']);
  expect(replies[3]).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'region' } });
  expect(replies[4]).toMatchObject({ code: 'CONFLICT', details: { field: 'idempotencyKey' } });
  expect(replies[5]).toMatchObject({ order: { orderId: together[1]!.orderId } });
  const ids = [...together, ...fresh].map((request) => request.orderId);
  const [{ orders, events }] = await app.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(
      `with ids as (select value::uuid as id from jsonb_array_elements_text(?::jsonb))
      select (select count(*)::int from core_orders."order" where id in (select id from ids)) as orders,
        (select count(*)::int from core_orders.outbox_event where message_id in (select 'order.placed:' || id || ':1' from ids)) as events`,
      [JSON.stringify(ids)],
    );
  expect({ orders, events }).toEqual({ orders: 9, events: 9 });
});

it('refuses the same key for a different order', async () => {
  const request = registration();
  await register(request);
  const reply = await register({ ...request, orderId: randomUUID(), lines: [{ ...request.lines[0]!, quantity: 3 }] });
  expect(reply).toMatchObject({ outcome: 'rejected', code: 'CONFLICT', details: { field: 'idempotencyKey' } });
});

it('rejects an unknown region and invalid payloads with typed errors, writing nothing', async () => {
  const unknown = registration({ region: 'xx' });
  expect(await register(unknown)).toMatchObject({ outcome: 'rejected', code: 'BAD_USER_INPUT', details: { field: 'region' } });
  expect(await register({ ...registration(), lines: [] })).toMatchObject({ outcome: 'rejected', code: 'BAD_USER_INPUT', details: { field: 'body.lines' } });
  const [{ n }] = await app.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from core_orders."order" where id = ?`, [unknown.orderId]);
  expect(n).toBe(0);
});

it('refuses a command whose sender is not the source it names, and a registration from another region, writing nothing', async () => {
  const request = registration();
  const command = { commandId: `order.register:${request.orderId}`, sequence: 1, orderId: request.orderId, kind: 'order.register', body: request };
  // NATS lets only region-de's user publish on its subject; the payload naming region-cn proves nothing.
  expect(await sendAs('region-de', { ...command, source: 'region-cn' })).toMatchObject({
    outcome: 'rejected',
    code: 'FORBIDDEN',
    details: { refusal: 'SOURCE_MISMATCH' },
  });
  expect(await sendAs('region-de', { ...command, source: 'region-de' })).toMatchObject({
    outcome: 'rejected',
    code: 'FORBIDDEN',
    details: { refusal: 'NOT_THE_ORDERS_REGION' },
  });
  const [{ n }] = await app.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as n from core_orders."order" where id = ?`, [request.orderId]);
  expect(n).toBe(0);
});

it("refuses a region moving another region's order, also on a retried command id, changing nothing; tracking may move it", async () => {
  const request = registration();
  await register(request);
  const move = (sender: string, to: string, commandId: string) =>
    sendAs(sender, {
      commandId,
      orderId: request.orderId,
      source: sender,
      sequence: 2,
      kind: 'order.transition',
      body: { to, occurredAt: new Date().toISOString(), actor: { type: 'system', id: sender } },
    });
  const refused = { outcome: 'rejected', code: 'FORBIDDEN', details: { refusal: 'NOT_THE_ORDERS_REGION' } };
  expect(await move('region-de', 'CANCELLED', `cancel-${request.orderId}`)).toMatchObject(refused);
  // The order's own region pays it; the neighbour replaying that command id learns nothing and changes nothing.
  expect(await move('region-cn', 'PAID', `pay-${request.orderId}`)).toMatchObject({ outcome: 'accepted', order: { status: 'PAID', version: 2 } });
  expect(await move('region-de', 'PAID', `pay-${request.orderId}`)).toMatchObject(refused);
  const [{ status, version, steps }] = await app.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(
      `select o.status, o.version, (select count(*)::int from core_orders.order_status_change c where c.order_id = o.id) as steps from core_orders."order" o where o.id = ?`,
      [request.orderId],
    );
  expect({ status, version, steps }).toEqual({ status: 'PAID', version: 2, steps: 2 });
  // A domain subgraph serves every region: tracking's carrier milestones move any region's orders.
  expect(await move('tracking', 'CANCELLED', `cancel-by-tracking-${request.orderId}`)).toMatchObject({ outcome: 'accepted', order: { status: 'CANCELLED' } });
});

it('serves the order over authenticated GraphQL and refuses callers without a token', async () => {
  const request = registration({ customerRef: 'cust-graphql' });
  const reply = await register(request);
  expect(reply.outcome).toBe('accepted');
  const query = `query($id: ID!) { order(id: $id) { id number placedAt status version totals { grandTotal } lines { sku lineTotal } timeline { to actor { type kind id subject } } } }`;
  const anonymous = await postGraphQL(app.url, query, { id: request.orderId });
  expect(anonymous.status).toBe(401);
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const owner = await scope.token({ subject: 'cust-graphql', role: 'customer', regions: ['cn'] });
  const result = await postGraphQL(app.url, query, { id: request.orderId }, owner);
  expect(result.errors).toBeUndefined();
  expect(result.data.order).toMatchObject({
    id: request.orderId,
    status: 'CREATED',
    version: 1,
    totals: { grandTotal: 11300 },
    number: request.number,
    placedAt: request.placedAt,
    lines: [{ sku: 'TEA-1', lineTotal: 11300 }],
    timeline: [{ to: 'CREATED', actor: { type: 'user', kind: 'USER', id: 'USER:cust-1', subject: 'cust-1' } }],
  });

  const stranger = await scope.token({ subject: 'someone-else', role: 'customer', regions: ['cn'] });
  const denied = await postGraphQL(app.url, query, { id: request.orderId }, stranger);
  expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it("reads an order's lines and timeline only when a query selects them, a page's or a batch's in one statement each", async () => {
  const requests = Array.from({ length: 3 }, (_, i) =>
    registration({ customerRef: 'cust-details', lines: Array.from({ length: i + 1 }, (__, n) => ({ ...registration().lines[0]!, sku: `TEA-${n + 1}` })) }),
  );
  for (const request of requests) expect((await register(request)).outcome).toBe('accepted');
  expect(await transition(requests[0]!.orderId, 'PAID', `pay-details-${requests[0]!.orderId}`)).toMatchObject({ outcome: 'accepted' });
  const owner = await scope.token({ subject: 'cust-details', role: 'customer', regions: ['cn'] });
  const ids = requests.map((request) => request.orderId);

  /** What the request answers, and how many statements core sent to each detail table meanwhile (pg's client, watched). */
  const statementsOf = async (query: string, variables: Record<string, unknown>) => {
    const { result, texts } = await statementsSentBy(() => postGraphQL(app.url, query, variables, owner));
    expect(result.errors).toBeUndefined();
    const reading = (table: string) => texts.filter((text) => text.includes(`"core_orders"."${table}"`)).length;
    return { data: result.data, lines: reading('order_line'), timeline: reading('order_status_change') };
  };

  const status = await statementsOf(`query($id: ID!) { order(id: $id) { status } }`, { id: ids[0] });
  expect(status).toEqual({ data: { order: { status: 'PAID' } }, lines: 0, timeline: 0 });

  const references = await statementsOf(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id lines { sku } } } }`, {
    r: ids.map((id) => ({ __typename: 'Order', id })),
  });
  expect(references).toMatchObject({ lines: 1, timeline: 0 });
  expect(references.data._entities.map((order: { lines: Array<{ sku: string }> }) => order.lines.map((line) => line.sku))).toEqual([
    ['TEA-1'],
    ['TEA-1', 'TEA-2'],
    ['TEA-1', 'TEA-2', 'TEA-3'],
  ]);

  const page = await statementsOf(`{ orders(first: 3) { nodes { id lines { lineNo } timeline { sequence to } } } }`, {});
  expect(page).toMatchObject({ lines: 1, timeline: 1 });
  type Detailed = { id: string; lines: unknown[]; timeline: Array<{ sequence: number; to: string }> };
  const detailsById = new Map(page.data.orders.nodes.map((order: Detailed) => [order.id, [order.lines.length, order.timeline]]));
  expect(ids.map((id) => detailsById.get(id))).toEqual([
    [
      1,
      [
        { sequence: 1, to: 'CREATED' },
        { sequence: 2, to: 'PAID' },
      ],
    ],
    [2, [{ sequence: 1, to: 'CREATED' }]],
    [3, [{ sequence: 1, to: 'CREATED' }]],
  ]);
});

it('answers each mutation of a request with the timeline as that mutation left it', async () => {
  const request = registration();
  await register(request);
  const operator = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const step = (to: string, expectedVersion: number) =>
    `orderStatusChange(input: { orderId: "${request.orderId}", status: ${to}, expectedVersion: ${expectedVersion} }) { order { version timeline { to } } }`;
  // Mutations run one after another: the second answer must not reuse the first one's read of the timeline.
  const result = await postGraphQL(app.url, `mutation { paid: ${step('PAID', 1)} picked: ${step('PICKED', 2)} }`, {}, operator);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual({
    paid: { order: { version: 2, timeline: [{ to: 'CREATED' }, { to: 'PAID' }] } },
    picked: { order: { version: 3, timeline: [{ to: 'CREATED' }, { to: 'PAID' }, { to: 'PICKED' }] } },
  });
});

it('keeps its own registry entry UP: core heartbeats itself as regions do over NATS', async () => {
  const admin = await scope.token({ subject: 'health-admin', role: 'admin', regions: [] });
  const read = async () => {
    const result = await postGraphQL(app.url, `{ subgraphs { name health acceptedAt lastHeartbeatAt } }`, {}, admin);
    expect(result.errors).toBeUndefined();
    return result.data.subgraphs.find((subgraph: { name: string }) => subgraph.name === 'core-orders');
  };
  // Wait until more than the DOWN threshold (ten intervals) has passed since core registered.
  const core = await eventually(read, (entry) => Date.now() - Date.parse(entry.acceptedAt) > 12 * HEARTBEAT_MS, { attempts: 100, intervalMs: HEARTBEAT_MS });
  expect(Date.parse(core.lastHeartbeatAt)).toBeGreaterThan(Date.parse(core.acceptedAt));
  expect(core.health).toBe('UP');
});

it('publishes the placed event through the outbox with a message id derived from the change', async () => {
  const request = registration({ region: 'de', currency: 'EUR' });
  await register(request);
  await app.relay.drain();
  const js = jetstream(nc);
  const stored = await js.streams.get(subjects.ordersStream).then((stream) => stream.getMessage({ last_by_subj: subjects.orderPlaced('de') }));
  expect(stored?.json()).toMatchObject({ type: 'order.placed', orderId: request.orderId, region: 'de', version: 1 });
  expect(stored?.header?.get('Nats-Msg-Id')).toBe(`order.placed:${request.orderId}:1`);
});

it('keeps the audit trail append-only at the database level', async () => {
  await register(registration());
  const connection = app.orm.em.fork().getConnection();
  await expect(connection.execute(`update core_orders.audit_entry set action = 'tampered'`)).rejects.toThrow(/append-only/);
  await expect(connection.execute(`delete from core_orders.audit_entry`)).rejects.toThrow(/append-only/);
});

it('has migrations that match the entity definitions exactly', async () => {
  const diff = await app.orm.schema.getUpdateSchemaSQL({ wrap: false, schema: 'core_orders' });
  // MikroORM 7.2 compares the introspected trigger function (wrapped in begin/end) with the declared body,
  // so it always proposes re-creating the append-only trigger; everything else must match.
  const drift = diff.split('\n').filter((line) => line.trim() && !line.includes('audit_entry_append_only'));
  expect(drift).toEqual([]);
});

it('answers a retried transition with the current order, and refuses its id for a different change', async () => {
  const request = registration();
  await register(request);
  const first = await transition(request.orderId, 'PAID', 'pay-once-0001');
  const retried = await transition(request.orderId, 'PAID', 'pay-once-0001');
  expect(first).toMatchObject({ outcome: 'accepted', order: { status: 'PAID', version: 2 } });
  expect(retried).toEqual(first);
  expect(await transition(request.orderId, 'CANCELLED', 'pay-once-0001')).toMatchObject({
    outcome: 'rejected',
    code: 'CONFLICT',
    details: { field: 'requestId' },
  });
  const [{ n }] = await app.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders.order_status_change where order_id = ?`, [request.orderId]);
  expect(n).toBe(2);
});

it('answers identical status steps sent at once with the same success, recording one step', async () => {
  const request = registration({ customerRef: 'cust-race' });
  await register(request);
  const operator = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const mutation = `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status version } }`;
  const input = { orderId: request.orderId, status: 'PAID', expectedVersion: 1, requestId: 'pay-race-0001' };
  const answers = await Promise.all(Array.from({ length: 4 }, () => postGraphQL(app.url, mutation, { input }, operator)));
  for (const answer of answers) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.changeOrderStatus).toEqual({ status: 'PAID', version: 2 });
  }
  const [{ n }] = await app.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as n from core_orders.order_status_change where order_id = ?`, [request.orderId]);
  expect(n).toBe(2);
});

it('records when a step happened beside when it was recorded, within bounds', async () => {
  const request = registration({ customerRef: 'cust-time' });
  await register(request);
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
  expect(await transition(request.orderId, 'PAID', 'pay-late-0001', new Date(Date.now() + 60 * 60 * 1000))).toMatchObject({
    outcome: 'rejected',
    code: 'BAD_USER_INPUT',
    details: { field: 'occurredAt' },
  });
  expect(await transition(request.orderId, 'PAID', 'pay-late-0002', twoDaysAgo)).toMatchObject({
    outcome: 'rejected',
    code: 'BAD_USER_INPUT',
    message: expect.stringContaining('previous step'),
  });
  expect(await transition(request.orderId, 'PAID', 'pay-late-0003')).toMatchObject({ outcome: 'accepted' });
  const owner = await scope.token({ subject: 'cust-time', role: 'customer', regions: ['cn'] });
  const { data } = await postGraphQL(app.url, `query($id: ID!) { order(id: $id) { timeline { to at occurredAt } } }`, { id: request.orderId }, owner);
  expect(data.order.timeline.map((step: { to: string }) => step.to)).toEqual(['CREATED', 'PAID']);
  expect(data.order.timeline[0].occurredAt).toBe(request.placedAt);
});

it('sends cash-on-delivery orders to picking without PAID', async () => {
  const request = registration({ paymentTerms: 'CASH_ON_DELIVERY' });
  await register(request);
  expect(await transition(request.orderId, 'PAID', 'cod-paid-0001')).toMatchObject({ outcome: 'rejected', code: 'INVALID_STATUS_TRANSITION' });
  expect(await transition(request.orderId, 'PICKED', 'cod-pick-0001')).toMatchObject({ outcome: 'accepted', order: { status: 'PICKED' } });
});

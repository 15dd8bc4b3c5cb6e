import { randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { connectTestNats, createTestScope, eventually, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import type { OrderEvent, OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { createOrderEventsBatchHandler, createOrderEventsHandler } from '../src/orders/order-events.handler.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';
import { ReallocationService } from '../src/nodes/reallocation.service.js';
import { loadLanes, loadNodeFacts, loadNodeRows } from '../src/nodes/node.repository.js';
import { lockCapacityAndLoadContext } from '../src/allocation/allocation-context.js';
import { PARTNER_EVENT_SCHEMAS } from '../src/messaging/partner-contracts.js';

const scope = createTestScope('fulfil');
const settled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let app: FulfilmentApp;

const SHANGHAI = { lat: 31.23, lon: 121.47 };
const HANGZHOU = { lat: 30.27, lon: 120.15 };

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  app = await createFulfilmentApp(readFulfilmentEnv({ ...process.env, ...stringify(scope.env), PORT: '0', SOLVER_TIME_LIMIT_MS: '200' }), {
    onOrderEventSettled: (outcome) => settled.forEach((listener) => listener(outcome)),
  });
  await seedNetwork(app.orm.em.fork(), {
    zones: [{ code: 'cn-east', region: 'cn', name: 'East China', ...SHANGHAI, isDefault: true }],
    nodes: [
      {
        id: 'cn-sha-dc',
        name: 'Shanghai DC',
        kind: 'CENTRAL',
        region: 'cn',
        zone: 'cn-east',
        ...SHANGHAI,
        dailyCapacity: 100_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD'), lane('SF', 'EXPRESS')],
      },
      {
        id: 'cn-hgh-fw',
        name: 'Hangzhou forward',
        kind: 'FORWARD',
        region: 'cn',
        zone: 'cn-east',
        ...HANGZHOU,
        dailyCapacity: 100_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD')],
      },
      {
        id: 'de-ber-dc',
        name: 'Berlin DC',
        kind: 'CENTRAL',
        region: 'de',
        zone: 'de-east',
        lat: 52.5,
        lon: 13.4,
        dailyCapacity: 100_000,
        cutoffMinutes: [960],
        lanes: [lane('DHL', 'STANDARD')],
      },
    ],
    skus: [
      { sku: 'TEA-1', name: 'Longjing tea', unitWeightGrams: 250 },
      { sku: 'LIMITED', name: 'Limited edition', unitWeightGrams: 500 },
      { sku: 'MOVE', name: 'Moves on outage', unitWeightGrams: 300 },
      { sku: 'RESUME', name: 'Survives a crash', unitWeightGrams: 300 },
      { sku: 'RACE', name: 'Cancelled during an outage', unitWeightGrams: 300 },
      { sku: 'BURST', name: 'Placed together', unitWeightGrams: 300 },
      { sku: 'TWICE', name: 'Delivered twice', unitWeightGrams: 400 },
    ],
    stock: [
      { sku: 'TEA-1', nodeId: 'cn-sha-dc', onHand: 100 },
      { sku: 'LIMITED', nodeId: 'cn-sha-dc', onHand: 10 },
      { sku: 'LIMITED', nodeId: 'de-ber-dc', onHand: 100 },
      { sku: 'MOVE', nodeId: 'cn-sha-dc', onHand: 30 },
      { sku: 'MOVE', nodeId: 'cn-hgh-fw', onHand: 20 },
      { sku: 'RESUME', nodeId: 'cn-sha-dc', onHand: 10 },
      { sku: 'RESUME', nodeId: 'cn-hgh-fw', onHand: 10 },
      { sku: 'RACE', nodeId: 'cn-sha-dc', onHand: 10 },
      { sku: 'RACE', nodeId: 'cn-hgh-fw', onHand: 10 },
      { sku: 'BURST', nodeId: 'cn-sha-dc', onHand: 3 },
      { sku: 'TWICE', nodeId: 'cn-sha-dc', onHand: 10 },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await core?.close();
  await scope.dispose();
});

function stringify(env: object): Record<string, string> {
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
}

const stockOf = async (sku: string, nodeId: string) =>
  (
    await query<{ on_hand: number; reserved: number; available: number }>(
      app.orm.em.fork(),
      `select on_hand, reserved, available from inventory where sku = ? and node_id = ?`,
      [sku, nodeId],
    )
  )[0]!;

const placedEvent = (sku: string, quantity: number): OrderPlacedEvent => ({
  type: 'order.placed',
  orderId: randomUUID(),
  number: `CN-T-${randomUUID().slice(0, 8)}`,
  region: 'cn',
  channel: 'WEB',
  currency: 'CNY',
  grandTotal: 100,
  customerRef: 'cust-1',
  status: 'CREATED',
  version: 1,
  occurredAt: new Date().toISOString(),
  lines: [{ lineNo: 1, sku, quantity, attributes: {} }],
});

/** Core's event for a customer cancelling a just-placed order. */
const cancelledEvent = (orderId: string, by: string): OrderEvent => ({
  type: 'order.status-changed',
  orderId,
  region: 'cn',
  from: 'CREATED',
  to: 'CANCELLED',
  version: 2,
  actor: { type: 'user', id: by },
  occurredAt: new Date().toISOString(),
});

it('reserves stock for an order placed in core, through JetStream, and shows its shipment on Order', async () => {
  const nc = await connectTestNats(scope.env);
  const orderId = randomUUID();
  const applied = waitFor<{ messageId: string; outcome: string }>((o) => o.messageId.includes(orderId) && o.outcome === 'applied');
  settled.push(applied.push);
  try {
    // Registered the way a region's command relay does it.
    const command = {
      commandId: randomUUID(),
      source: 'region-cn',
      sequence: 1,
      orderId,
      kind: 'order.register',
      body: {
        idempotencyKey: `key-${orderId}`,
        orderId,
        number: 'CN-261202-000001',
        region: 'cn',
        channel: 'WEB',
        currency: 'CNY',
        customerRef: 'cust-1',
        lines: [{ sku: 'TEA-1', name: 'Longjing tea', quantity: 3, unitPrice: 1000, unitTax: 0, attributes: { serviceLevel: 'EXPRESS' } }],
        shippingTotal: 0,
        discountTotal: 0,
        paymentTerms: 'PREPAID',
        placedAt: new Date().toISOString(),
        actor: { type: 'user', id: 'cust-1' },
      },
    };
    const answer = (await nc.request(subjectsFor(scope.env.NATS_NAMESPACE).coreCommands(command.source), JSON.stringify(command), { timeout: 10_000 })).json<{
      outcome: string;
      order: { orderId: string };
    }>();
    expect(answer).toMatchObject({ outcome: 'accepted' });
    const reply = answer.order;
    expect(reply.orderId).toBe(orderId);
    await applied.done;
  } finally {
    await nc.close();
  }
  expect(await stockOf('TEA-1', 'cn-sha-dc')).toEqual({ on_hand: 100, reserved: 3, available: 97 });
  const token = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const result = await postGraphQL(
    app.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {
      shipments { nodeId carrier serviceLevel state deliveryMode pickPriority lines { sku quantity } } fulfilment { state timeline { kind actor } } } } }`,
    { r: [{ __typename: 'Order', id: orderId }] },
    token,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data._entities[0]).toEqual({
    shipments: [
      {
        nodeId: 'cn-sha-dc',
        carrier: 'SF',
        serviceLevel: 'EXPRESS',
        state: 'ALLOCATED',
        deliveryMode: 'EXPRESS_PARCEL',
        pickPriority: expect.any(Number),
        lines: [{ sku: 'TEA-1', quantity: 3 }],
      },
    ],
    fulfilment: { state: 'ALLOCATED', timeline: [{ kind: 'ALLOCATED', actor: 'system:fulfilment' }] },
  });
});

it('never oversells: 50 concurrent orders for 10 units allocate exactly 10, the rest wait as backorders in market', async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const events = Array.from({ length: 50 }, () => placedEvent('LIMITED', 1));
  await Promise.all(events.map((event) => app.orm.em.fork().transactional((em) => handle(event, em))));
  const states = await query<{ state: string; n: number }>(
    app.orm.em.fork(),
    `select state, count(*)::int as n from fulfilment_order where order_id = any(?::uuid[]) group by state order by state`,
    [`{${events.map((e) => e.orderId).join(',')}}`],
  );
  expect(states).toEqual([
    { state: 'ALLOCATED', n: 10 },
    { state: 'BACKORDERED', n: 40 },
  ]);
  expect(await stockOf('LIMITED', 'cn-sha-dc')).toEqual({ on_hand: 10, reserved: 10, available: 0 });
  expect(await stockOf('LIMITED', 'de-ber-dc')).toEqual({ on_hand: 100, reserved: 0, available: 100 });
});

it("releases a cancelled order's reservation once, however often the event comes", async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const placed = placedEvent('TEA-1', 5);
  await app.orm.em.fork().transactional((em) => handle(placed, em));
  const before = await stockOf('TEA-1', 'cn-sha-dc');
  const cancelled = cancelledEvent(placed.orderId, 'cust-1');
  await app.orm.em.fork().transactional((em) => handle(cancelled, em));
  await app.orm.em.fork().transactional((em) => handle(cancelled, em));
  expect(await stockOf('TEA-1', 'cn-sha-dc')).toEqual({ ...before, reserved: before.reserved - 5, available: before.available + 5 });
  const movements = await query<{ kind: string; reserved_delta: number }>(
    app.orm.em.fork(),
    `select kind, reserved_delta from stock_movement where order_id = ? order by id`,
    [placed.orderId],
  );
  expect(movements).toEqual([
    { kind: 'ALLOCATION', reserved_delta: 5 },
    { kind: 'CANCELLATION', reserved_delta: -5 },
  ]);
});

it('allocates placements that arrive together as one batch, first come first served, with a cancellation between them applied in its place', async () => {
  const handleBatch = createOrderEventsBatchHandler(app.allocation, app.consolidation);
  const [first, second, third, fourth] = [placedEvent('BURST', 2), placedEvent('BURST', 2), placedEvent('BURST', 1), placedEvent('BURST', 1)];
  const cancelFirst = cancelledEvent(first!.orderId, 'cust-1');
  await app.orm.em.fork().transactional((em) => handleBatch([first!, second!, cancelFirst, third!, fourth!], em));
  const states = await query<{ order_id: string; state: string }>(
    app.orm.em.fork(),
    `select order_id, state from fulfilment_order where order_id = any(?::uuid[])`,
    [`{${[first, second, third, fourth].map((event) => event!.orderId).join(',')}}`],
  );
  const stateOf = new Map(states.map((row) => [row.order_id, row.state]));
  // As one by one: the first takes two of three units, the second the last one, the cancellation frees two for the rest.
  expect([first, second, third, fourth].map((event) => stateOf.get(event!.orderId))).toEqual(['CANCELLED', 'PARTIALLY_ALLOCATED', 'ALLOCATED', 'ALLOCATED']);
  expect(await stockOf('BURST', 'cn-sha-dc')).toEqual({ on_hand: 3, reserved: 3, available: 0 });
});

it('records placements that arrive together at once: a repeat, in the batch or in a later one, is taken once; a held order and an unknown SKU as one by one', async () => {
  const handleBatch = createOrderEventsBatchHandler(app.allocation, app.consolidation);
  const twice = placedEvent('TWICE', 2);
  const unknown = { ...placedEvent('NOT-STOCKED', 1), lines: [{ lineNo: 1, sku: 'NOT-STOCKED', quantity: 1, attributes: { deliveryZone: 'cn-east' } }] };
  const held = { ...placedEvent('TWICE', 1), held: true };
  const twoLines = {
    ...placedEvent('TWICE', 1),
    lines: [
      { lineNo: 1, sku: 'TWICE', quantity: 1, attributes: {} },
      { lineNo: 2, sku: 'NOT-STOCKED', quantity: 2, attributes: {} },
    ],
  };
  const batch = [twice, unknown, { ...twice, number: 'CN-T-REPEAT' }, held, twoLines];
  await app.orm.em.fork().transactional((em) => handleBatch(batch, em));
  await app.orm.em.fork().transactional((em) => handleBatch(batch, em));
  const ids = `{${[twice, unknown, held, twoLines].map((event) => event.orderId).join(',')}}`;
  const orders = await query<{ order_id: string; number: string; state: string; zone: string }>(
    app.orm.em.fork(),
    `select order_id, number, state, zone from fulfilment_order where order_id = any(?::uuid[])`,
    [ids],
  );
  expect(new Map(orders.map((row) => [row.order_id, row]))).toEqual(
    new Map([
      [twice.orderId, { order_id: twice.orderId, number: twice.number, state: 'ALLOCATED', zone: 'cn-east' }],
      [unknown.orderId, { order_id: unknown.orderId, number: unknown.number, state: 'BACKORDERED', zone: 'cn-east' }],
      [twoLines.orderId, { order_id: twoLines.orderId, number: twoLines.number, state: 'PARTIALLY_ALLOCATED', zone: 'cn-east' }],
    ]),
  );
  const lines = await query<{ order_id: string; line_no: number; quantity: number; unit_weight_grams: number; backordered: number }>(
    app.orm.em.fork(),
    `select order_id, line_no, quantity, unit_weight_grams, backordered from fulfilment_order_line where order_id = any(?::uuid[]) order by order_id, line_no`,
    [ids],
  );
  const indexOf = (orderId: string) => [twice, unknown, twoLines].findIndex((event) => event.orderId === orderId);
  expect(lines.map(({ order_id, ...line }) => ({ order: indexOf(order_id), ...line })).sort((a, b) => a.order - b.order || a.line_no - b.line_no)).toEqual([
    { order: 0, line_no: 1, quantity: 2, unit_weight_grams: 400, backordered: 0 },
    { order: 1, line_no: 1, quantity: 1, unit_weight_grams: 1_000, backordered: 1 },
    { order: 2, line_no: 1, quantity: 1, unit_weight_grams: 400, backordered: 0 },
    { order: 2, line_no: 2, quantity: 2, unit_weight_grams: 1_000, backordered: 2 },
  ]);
  expect(await stockOf('TWICE', 'cn-sha-dc')).toEqual({ on_hand: 10, reserved: 3, available: 7 });
  const timeline = await query<{ kind: string; n: number }>(
    app.orm.em.fork(),
    `select kind, count(*)::int as n from order_timeline where order_id = any(?::uuid[]) group by kind order by kind`,
    [ids],
  );
  expect(timeline).toEqual([
    { kind: 'ALLOCATED', n: 1 },
    { kind: 'BACKORDERED', n: 1 },
    { kind: 'PARTIALLY_ALLOCATED', n: 1 },
  ]);
});

it("reads each node's allocation facts in one statement as the node rows and lanes read apart", async () => {
  const em = app.orm.em.fork();
  const day = new Date().toISOString().slice(0, 10);
  const rows = await loadNodeRows(em, {}, day);
  const lanes = await loadLanes(
    em,
    rows.map((row) => row.id),
  );
  expect(await loadNodeFacts(em, day)).toEqual(
    rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      region: row.region,
      location: { lat: row.lat, lon: row.lon },
      status: row.status,
      remainingCapacity: Math.max(0, row.daily_capacity - row.used_today),
      cutoffMinutes: row.cutoff_minutes,
      lanes: lanes.get(row.id) ?? [],
    })),
  );
});

it("locks a day's capacity and reads the nodes and weights in one go, on the day's first allocation and after", async () => {
  const day = '2099-01-01';
  const read = () => app.orm.em.fork().transactional((em) => lockCapacityAndLoadContext(em, day));
  const first = await read();
  expect(first.nodes).toEqual(await loadNodeFacts(app.orm.em.fork(), day));
  await query(app.orm.em.fork(), `update capacity_usage set used = 7 where node_id = 'cn-hgh-fw' and day = ?::date`, [day]);
  const later = await read();
  expect(later.nodes).toEqual(await loadNodeFacts(app.orm.em.fork(), day));
  expect(later.nodes.find((node) => node.id === 'cn-hgh-fw')!.remainingCapacity).toBe(100_000 - 7);
  expect(later.weightsOf('NO-SUCH-CHANNEL')).toEqual(first.weightsOf('DEFAULT'));
  await query(
    app.orm.em.fork(),
    `insert into allocation_settings (channel, cost, time, carbon, split_penalty, updated_by) values ('CONTEXT-TEST', 2, 0.5, 30, 100, 'test')`,
  );
  expect((await read()).weightsOf('CONTEXT-TEST')).toEqual({ cost: 2, time: 0.5, carbon: 30, splitPenalty: 100 });
});

it('does not take an order an order rule holds for review; takes it once core publishes it released', async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const held = { ...placedEvent('TEA-1', 2), held: true };
  const before = await stockOf('TEA-1', 'cn-sha-dc');
  await app.orm.em.fork().transactional((em) => handle(held, em));
  const orderRows = () => query<{ state: string }>(app.orm.em.fork(), `select state from fulfilment_order where order_id = ?`, [held.orderId]);
  expect(await orderRows()).toEqual([]);
  expect(await stockOf('TEA-1', 'cn-sha-dc')).toEqual(before);
  await app.orm.em.fork().transactional((em) => handle({ ...held, held: false, version: 3 }, em));
  expect(await orderRows()).toEqual([{ state: 'ALLOCATED' }]);
});

it('re-allocates every open order off a node marked down, with new ETAs, timeline entries and one notice each', async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const events = Array.from({ length: 12 }, () => placedEvent('MOVE', 2));
  for (const event of events) await app.orm.em.fork().transactional((em) => handle(event, em));
  const atDc = await query<{ n: number }>(
    app.orm.em.fork(),
    `select count(*)::int as n from shipment where node_id = 'cn-sha-dc' and state = 'ALLOCATED' and order_id = any(?::uuid[])`,
    [`{${events.map((e) => e.orderId).join(',')}}`],
  );
  expect(atDc[0]!.n).toBe(12);

  const token = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const SET = `mutation($input: NodeStatusChangeInput!) { nodeStatusChange(input: $input) { node { status statusReason } reallocationJob { id affected } userErrors { code field } } }`;
  const down = await postGraphQL(app.url, SET, { input: { nodeId: 'cn-sha-dc', status: 'DOWN', reason: 'power failure' } }, token);
  expect(down.data.nodeStatusChange.node).toEqual({ status: 'DOWN', statusReason: 'power failure' });
  const job = await app.reallocation.run(down.data.nodeStatusChange.reallocationJob.id);
  expect(job).toMatchObject({ state: 'DONE', processed: job.affected });
  const twice = await postGraphQL(app.url, SET, { input: { nodeId: 'cn-sha-dc', status: 'DOWN', reason: 'again' } }, token);
  expect(twice.data.nodeStatusChange).toEqual({
    node: null,
    reallocationJob: null,
    userErrors: [{ code: 'NODE_ALREADY_IN_STATUS', field: ['input', 'status'] }],
  });

  const ids = `{${events.map((e) => e.orderId).join(',')}}`;
  const moved = await query<{ node_id: string; state: string; n: number }>(
    app.orm.em.fork(),
    `select node_id, state, count(*)::int as n from shipment where order_id = any(?::uuid[]) group by 1, 2 order by 1, 2`,
    [ids],
  );
  expect(moved).toEqual([
    { node_id: 'cn-hgh-fw', state: 'ALLOCATED', n: 10 },
    { node_id: 'cn-sha-dc', state: 'REALLOCATED', n: 12 },
  ]);
  expect(await stockOf('MOVE', 'cn-sha-dc')).toEqual({ on_hand: 30, reserved: 0, available: 30 });
  expect(await stockOf('MOVE', 'cn-hgh-fw')).toEqual({ on_hand: 20, reserved: 20, available: 0 });
  const timeline = await query<{ n: number }>(
    app.orm.em.fork(),
    `select count(*)::int as n from order_timeline where kind = 'REALLOCATED' and actor_id = 'op-1' and order_id = any(?::uuid[])`,
    [ids],
  );
  expect(timeline[0]!.n).toBe(12);
  const notices = await query<{ n: number; backordered: number }>(
    app.orm.em.fork(),
    `select count(*)::int as n, count(*) filter (where (payload->>'backordered')::boolean)::int as backordered from outbox_event where message_id like 'fulfilment.customer-notice:%' and payload->>'orderId' = any(?::text[])`,
    [ids],
  );
  expect(notices[0]).toEqual({ n: 12, backordered: 2 });
  await postGraphQL(app.url, SET, { input: { nodeId: 'cn-sha-dc', status: 'UP', reason: 'power back' } }, token);
});

it('resumes a re-allocation job after the process died between chunks, moving each order exactly once', async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const events = Array.from({ length: 7 }, () => placedEvent('RESUME', 1));
  for (const event of events) await app.orm.em.fork().transactional((em) => handle(event, em));
  const change = await app.nodes.setStatus('cn-sha-dc', 'DOWN', 'flood', { type: 'user', id: 'op-2' });
  // A process that commits one chunk of two orders and dies before the next (what kill -9 leaves behind).
  let chunks = 0;
  const doomed = new ReallocationService(
    app.orm,
    app.allocation,
    app.subjects,
    { info() {}, error() {} } as never,
    () => {
      chunks += 1;
      throw new Error('killed');
    },
    2,
  );
  await expect(doomed.run(change.job!.id)).rejects.toThrow('killed');
  expect(chunks).toBe(1);
  const [midway] = await query<{ state: string; processed: number }>(app.orm.em.fork(), `select state, processed from reallocation_job where id = ?`, [
    change.job!.id,
  ]);
  expect(midway).toEqual({ state: 'RUNNING', processed: 2 });

  await app.reallocation.resumeUnfinished();
  const done = await app.reallocation.run(change.job!.id);
  expect(done).toMatchObject({ state: 'DONE', affected: 7, processed: 7 });
  const ids = `{${events.map((e) => e.orderId).join(',')}}`;
  const shipments = await query<{ node_id: string; state: string; n: number }>(
    app.orm.em.fork(),
    `select node_id, state, count(*)::int as n from shipment where order_id = any(?::uuid[]) group by 1, 2 order by 1, 2`,
    [ids],
  );
  expect(shipments).toEqual([
    { node_id: 'cn-hgh-fw', state: 'ALLOCATED', n: 7 },
    { node_id: 'cn-sha-dc', state: 'REALLOCATED', n: 7 },
  ]);
  const notices = await query<{ n: number }>(app.orm.em.fork(), `select count(distinct message_id)::int as n from outbox_event where message_id like ? `, [
    `fulfilment.customer-notice:%:${change.job!.id}`,
  ]);
  expect(notices[0]!.n).toBe(7);
  expect(await stockOf('RESUME', 'cn-hgh-fw')).toEqual({ on_hand: 10, reserved: 7, available: 3 });
  expect(await stockOf('RESUME', 'cn-sha-dc')).toEqual({ on_hand: 10, reserved: 0, available: 10 });
  await app.nodes.setStatus('cn-sha-dc', 'UP', 'water gone', { type: 'user', id: 'op-2' });
});

it('moves an order cancelled while the job runs neither twice nor after its cancellation, and frees its stock once', async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  // Placed three days ago: a move now must promise from now, not from the placement.
  const events = Array.from({ length: 4 }, () => ({ ...placedEvent('RACE', 2), occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }));
  for (const event of events) await app.orm.em.fork().transactional((em) => handle(event, em));
  const [racing, ...others] = events;
  // The cancellation has released the order's shipment and holds its locks, but has not committed yet.
  let commitCancellation!: () => void;
  const gate = new Promise<void>((resolve) => (commitCancellation = resolve));
  const cancelling = app.orm.em.fork().transactional(async (em) => {
    await handle(cancelledEvent(racing!.orderId, 'cust-race'), em);
    await gate;
  });
  const downAt = new Date();
  const change = await app.nodes.setStatus('cn-sha-dc', 'DOWN', 'fire alarm', { type: 'user', id: 'op-3' });
  const job = app.reallocation.run(change.job!.id);
  // The job's chunk waits on the cancellation's row locks; only then does the cancellation commit.
  const [{ datname }] = (await query<{ datname: string }>(app.orm.em.fork(), `select current_database() as datname`)) as [{ datname: string }];
  await eventually(
    async () =>
      (
        await query<{ n: number }>(app.orm.em.fork(), `select count(*)::int as n from pg_stat_activity where datname = ? and wait_event_type = 'Lock'`, [
          datname,
        ])
      )[0]!.n,
    (waiting) => waiting > 0,
  );
  commitCancellation();
  await cancelling;
  expect(await job).toMatchObject({ state: 'DONE' });

  const shipments = await query<{ order_id: string; node_id: string; state: string }>(
    app.orm.em.fork(),
    `select order_id, node_id, state from shipment where order_id = any(?::uuid[]) order by node_id, state`,
    [`{${events.map((e) => e.orderId).join(',')}}`],
  );
  expect(shipments.filter((s) => s.order_id === racing!.orderId)).toEqual([{ order_id: racing!.orderId, node_id: 'cn-sha-dc', state: 'CANCELLED' }]);
  for (const other of others)
    expect(shipments.filter((s) => s.order_id === other.orderId).map((s) => `${s.node_id}:${s.state}`)).toEqual([
      'cn-hgh-fw:ALLOCATED',
      'cn-sha-dc:REALLOCATED',
    ]);
  expect(await stockOf('RACE', 'cn-sha-dc')).toEqual({ on_hand: 10, reserved: 0, available: 10 });
  expect(await stockOf('RACE', 'cn-hgh-fw')).toEqual({ on_hand: 10, reserved: 6, available: 4 });
  const notices = await query<{ order_id: string; new_eta_at: string }>(
    app.orm.em.fork(),
    `select payload->>'orderId' as order_id, payload->>'newEtaAt' as new_eta_at from outbox_event where message_id like ?`,
    [`fulfilment.customer-notice:%:${change.job!.id}`],
  );
  expect(notices.map((n) => n.order_id).sort()).toEqual(others.map((o) => o.orderId).sort());
  for (const notice of notices) expect(new Date(notice.new_eta_at).getTime()).toBeGreaterThan(downAt.getTime());
  await app.nodes.setStatus('cn-sha-dc', 'UP', 'all clear', { type: 'user', id: 'op-3' });
});

it.each([
  [
    'a negative receipt',
    `mutation { stockReceive(input: { sku: "TEA-1", nodeId: "cn-sha-dc", quantity: -5, reference: "r1" }) { stockLevel { onHand } userErrors { code field } } }`,
    'stockReceive',
    'INVALID',
  ],
  [
    'stock below zero',
    `mutation { stockAdjust(input: { sku: "TEA-1", nodeId: "cn-hgh-fw", delta: -1, reason: "count", reference: "a1" }) { stockLevel { onHand } userErrors { code field } } }`,
    'stockAdjust',
    'UNKNOWN_OR_NEGATIVE',
  ],
  [
    'an SKU the catalogue does not know',
    `mutation { stockReceive(input: { sku: "NOPE", nodeId: "cn-sha-dc", quantity: 5, reference: "r2" }) { stockLevel { onHand } userErrors { code field } } }`,
    'stockReceive',
    'UNKNOWN_SKU',
  ],
  [
    'weights out of range',
    `mutation { allocationWeightsSet(input: { channel: "WEB", cost: -1, time: 1, carbon: 1, splitPenalty: 1 }) { channel userErrors { code field } } }`,
    'allocationWeightsSet',
    'WEIGHT_OUT_OF_RANGE',
  ],
])('refuses %s with a typed error and changes nothing', async (_case, mutation, field, code) => {
  const token = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const movementsBefore = await query<{ n: number }>(app.orm.em.fork(), `select count(*)::int as n from stock_movement`);
  const result = await postGraphQL(app.url, mutation, {}, token);
  expect(result.errors).toBeUndefined();
  const payload = result.data[field];
  expect(payload.userErrors).toHaveLength(1);
  if (code === 'UNKNOWN_OR_NEGATIVE') expect(payload.userErrors[0].code).toBe('NEGATIVE_STOCK');
  else expect(payload.userErrors[0].code).toBe(code);
  expect(payload.userErrors[0].field[0]).toBe('input');
  const movementsAfter = await query<{ n: number }>(app.orm.em.fork(), `select count(*)::int as n from stock_movement`);
  expect(movementsAfter).toEqual(movementsBefore);
});

it('publishes only events that match the documented v1 partner contract, on versioned subjects', async () => {
  const events = await query<{ subject: string; payload: unknown }>(app.orm.em.fork(), `select subject, payload from outbox_event order by id`);
  expect(events.length).toBeGreaterThan(50);
  for (const event of events) {
    const match = /\.fulfilment\.v1\.([a-z-]+)\.[a-z0-9-]+$/.exec(event.subject);
    expect(match).not.toBeNull();
    const schema = PARTNER_EVENT_SCHEMAS[match![1] as keyof typeof PARTNER_EVENT_SCHEMAS];
    expect(schema).toBeDefined();
    expect(schema.safeParse(event.payload).error).toBeUndefined();
  }
  const kinds = new Set(events.map((event) => /\.v1\.([a-z-]+)\./.exec(event.subject)![1]));
  expect([...kinds].sort()).toEqual(['customer-notice', 'node-status', 'shipments-planned']);
});

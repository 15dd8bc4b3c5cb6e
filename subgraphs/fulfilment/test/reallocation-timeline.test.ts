import { randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';
import { REALLOCATION_NOTE_PURPOSE } from '../src/nodes/reallocation-notes.js';

// Issue 13 item 5: a node marked down leaves each affected order's step on core's master timeline, once.
const scope = createTestScope('fulnote');
const settled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let app: FulfilmentApp;

const stringify = (env: object) => Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  app = await createFulfilmentApp(readFulfilmentEnv({ ...process.env, ...stringify(scope.env), PORT: '0', SOLVER_ENABLED: 'false' }), {
    onOrderEventSettled: (outcome) => settled.forEach((listener) => listener(outcome)),
  });
  const node = (id: string, lat: number, lon: number) => ({
    id,
    name: id,
    kind: 'CENTRAL' as const,
    region: 'cn',
    zone: 'cn-east',
    lat,
    lon,
    dailyCapacity: 100_000,
    cutoffMinutes: [600, 1080],
    lanes: [lane('YTO', 'STANDARD')],
  });
  await seedNetwork(app.orm.em.fork(), {
    zones: [{ code: 'cn-east', region: 'cn', name: 'East China', lat: 31.23, lon: 121.47, isDefault: true }],
    nodes: [node('cn-sha-dc', 31.23, 121.47), node('cn-hgh-fw', 30.27, 120.15)],
    skus: [{ sku: 'NOTE', name: 'Noted on outage', unitWeightGrams: 300 }],
    stock: [
      { sku: 'NOTE', nodeId: 'cn-sha-dc', onHand: 10 },
      { sku: 'NOTE', nodeId: 'cn-hgh-fw', onHand: 2 },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await core?.close();
  await scope.dispose();
});

/** Registers an order in core the way region-cn's relay does, and waits until fulfilment has allocated it. */
async function placeInCore(nc: Awaited<ReturnType<typeof connectTestNats>>, n: number): Promise<string> {
  const orderId = randomUUID();
  const allocated = waitFor<{ messageId: string; outcome: string }>((o) => o.messageId.includes(orderId) && o.outcome === 'applied', 60_000);
  settled.push(allocated.push);
  const command = {
    commandId: randomUUID(),
    source: 'region-cn',
    sequence: 1,
    orderId,
    kind: 'order.register',
    body: {
      idempotencyKey: `key-${orderId}`,
      orderId,
      number: `CN-261203-${String(n).padStart(6, '0')}`,
      region: 'cn',
      channel: 'WEB',
      currency: 'CNY',
      customerRef: `cust-${n}`,
      lines: [{ sku: 'NOTE', name: 'Noted on outage', quantity: 1, unitPrice: 1000, unitTax: 0, attributes: {} }],
      paymentTerms: 'PREPAID',
      placedAt: new Date().toISOString(),
      actor: { type: 'user', id: `cust-${n}` },
    },
  };
  const answer = (await nc.request(subjectsFor(scope.env.NATS_NAMESPACE).coreCommands('region-cn'), JSON.stringify(command), { timeout: 20_000 })).json<{
    outcome: string;
  }>();
  expect(answer).toMatchObject({ outcome: 'accepted' });
  await allocated.done;
  return orderId;
}

interface TimelineStep {
  from: string | null;
  to: string;
  event: string | null;
  occurredAt: string;
  at: string;
  actor: { kind: string; subject: string };
  note: string | null;
  details: { fromNode: string | null; toNodes: string[]; estimatedDeliveryAt: string | null } | null;
}

async function coreTimeline(orderId: string): Promise<TimelineStep[]> {
  const token = await scope.token({ subject: 'op-read', role: 'operator', regions: ['cn'] });
  const result = await postGraphQL(
    core.url,
    `query($id: ID!) { orderByIdentifier(identifier: { id: $id }) { timeline {
      from to event occurredAt at note actor { kind subject } details { fromNode toNodes estimatedDeliveryAt } } } }`,
    { id: orderId },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data.orderByIdentifier.timeline;
}

it("records each re-allocated order's step on core's timeline with the operator and the time, once however often it is delivered", async () => {
  const nc = await connectTestNats(scope.env);
  let orderIds: string[];
  try {
    orderIds = [];
    for (let n = 1; n <= 3; n += 1) orderIds.push(await placeInCore(nc, n));
  } finally {
    await nc.close();
  }
  const placedAt = await query<{ node_id: string; n: number }>(
    app.orm.em.fork(),
    `select node_id, count(*)::int as n from shipment where order_id = any(?::uuid[]) group by 1`,
    [`{${orderIds.join(',')}}`],
  );
  expect(placedAt).toEqual([{ node_id: 'cn-sha-dc', n: 3 }]);

  const before = Date.now();
  const token = await scope.token({ subject: 'op-outage', role: 'operator', regions: ['cn'] });
  const down = await postGraphQL(
    app.url,
    `mutation($input: NodeStatusChangeInput!) { nodeStatusChange(input: $input) { reallocationJob { id } userErrors { code } } }`,
    { input: { nodeId: 'cn-sha-dc', status: 'DOWN', reason: 'power failure' } },
    token,
  );
  const jobId: string = down.data.nodeStatusChange.reallocationJob.id;
  await app.reallocation.run(jobId);
  await app.commands.whenIdle(60_000);

  const notes = await query<{ state: string }>(app.orm.em.fork(), `select state from fulfilment.core_command where purpose = ? and order_id = any(?::uuid[])`, [
    REALLOCATION_NOTE_PURPOSE,
    `{${orderIds.join(',')}}`,
  ]);
  expect(notes.map((note) => note.state)).toEqual(['ACCEPTED', 'ACCEPTED', 'ACCEPTED']);
  // Two units are left at the forward warehouse: two orders move there, the third waits for stock.
  const events: string[] = [];
  for (const orderId of orderIds) {
    const steps = (await coreTimeline(orderId)).filter((step) => step.event !== null);
    expect(steps).toHaveLength(1);
    const [step] = steps as [TimelineStep];
    events.push(step.event!);
    expect(step.from).toBe(step.to);
    expect(step.actor).toEqual({ kind: 'USER', subject: 'op-outage' });
    expect(Date.parse(step.occurredAt)).toBeGreaterThanOrEqual(before - 1_000);
    expect(Date.parse(step.occurredAt)).toBeLessThanOrEqual(Date.parse(step.at));
    expect(step.details?.fromNode).toBe('cn-sha-dc');
    if (step.event === 'REALLOCATED') {
      expect(step.details).toEqual({ fromNode: 'cn-sha-dc', toNodes: ['cn-hgh-fw'], estimatedDeliveryAt: expect.any(String) });
      expect(step.note).toBe(`Re-allocated from cn-sha-dc to cn-hgh-fw; new estimate ${new Date(step.details!.estimatedDeliveryAt!).toISOString()}`);
    } else {
      expect(step.details).toEqual({ fromNode: 'cn-sha-dc', toNodes: [], estimatedDeliveryAt: null });
    }
  }
  expect(events.sort()).toEqual(['BACKORDERED', 'REALLOCATED', 'REALLOCATED']);

  // Redelivery: the relay sends every note again (as after a lost answer), and core answers without a second step.
  await query(app.orm.em.fork(), `update fulfilment.core_command set state = 'PENDING', settled_at = null, next_attempt_at = now() where purpose = ?`, [
    REALLOCATION_NOTE_PURPOSE,
  ]);
  await app.commands.whenIdle(60_000);
  const again = await query<{ state: string; attempts: number }>(app.orm.em.fork(), `select state, attempts from fulfilment.core_command where purpose = ?`, [
    REALLOCATION_NOTE_PURPOSE,
  ]);
  expect(again).toHaveLength(3);
  for (const row of again) expect(row).toEqual({ state: 'ACCEPTED', attempts: expect.any(Number) });
  expect(Math.min(...again.map((row) => row.attempts))).toBeGreaterThanOrEqual(2);
  for (const orderId of orderIds) expect((await coreTimeline(orderId)).filter((step) => step.event !== null)).toHaveLength(1);
});

it('refuses a note that another subgraph sends in fulfilment’s name or about fulfilment’s events', async () => {
  const nc = await connectTestNats(scope.env);
  try {
    const note = {
      commandId: `probe-${randomUUID()}`,
      source: 'region-cn',
      sequence: 1,
      orderId: randomUUID(),
      kind: 'order.note',
      body: { event: 'REALLOCATED', occurredAt: new Date().toISOString(), actor: { type: 'system', id: 'region-cn' }, details: { toNodes: [] } },
    };
    const answer = (await nc.request(subjectsFor(scope.env.NATS_NAMESPACE).coreCommands('region-cn'), JSON.stringify(note), { timeout: 20_000 })).json();
    expect(answer).toMatchObject({ outcome: 'rejected', code: 'FORBIDDEN', details: { refusal: 'NOT_THE_NOTES_SOURCE' } });
  } finally {
    await nc.close();
  }
});

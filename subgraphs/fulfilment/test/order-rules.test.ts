import { randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import type { OrderPlacedEvent, OrderRuleFacts, OrderStatusChangedEvent } from '@hub/shared/messaging/contracts';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { publishTestRuleSet, testRuleSet } from '@hub/shared/testing/test-rule-sets';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { createOrderEventsHandler } from '../src/orders/order-events.handler.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';

/**
 * Order rules acted on in fulfilment (issues 13 and 14), on real PostgreSQL and NATS: allocation weights from a rule
 * scoped to a channel and a segment, reached through core's `order.placed`; the inventory-lock minutes and shortage
 * policy the region decided.
 */
const scope = createTestScope('fulrules');
const settled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
const rulesApplied: Array<(publication: RuleSetPublication) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let app: FulfilmentApp;

const SHANGHAI = { lat: 31.23, lon: 121.47 };
const HANGZHOU = { lat: 30.27, lon: 120.15 };

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  const env = Object.fromEntries(Object.entries(scope.env).map(([key, value]) => [key, String(value)]));
  app = await createFulfilmentApp(
    // The sweep runs only when a test calls it, at the instant the test names.
    readFulfilmentEnv({ ...process.env, ...env, PORT: '0', SOLVER_ENABLED: 'false', RESERVATION_SWEEP_INTERVAL_MS: '3600000' }),
    {
      onOrderEventSettled: (outcome) => settled.forEach((listener) => listener(outcome)),
      onRulesApplied: (publication) => rulesApplied.forEach((listener) => listener(publication)),
    },
  );
  await seedNetwork(app.orm.em.fork(), {
    zones: [{ code: 'cn-east', region: 'cn', name: 'East China', ...SHANGHAI, isDefault: true }],
    nodes: [
      // Fast and dear next door, or cheap and three days slower: the weight of time decides.
      {
        id: 'cn-fast',
        name: 'Shanghai express',
        kind: 'CENTRAL',
        region: 'cn',
        zone: 'cn-east',
        ...SHANGHAI,
        dailyCapacity: 100_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('SF', 'EXPRESS', { baseCost: 3_000, baseTransitHours: 2 })],
      },
      {
        id: 'cn-cheap',
        name: 'Hangzhou economy',
        kind: 'CENTRAL',
        region: 'cn',
        zone: 'cn-east',
        ...HANGZHOU,
        dailyCapacity: 100_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD', { baseTransitHours: 72 })],
      },
    ],
    skus: [
      { sku: 'TEA-R', name: 'Tea', unitWeightGrams: 250 },
      { sku: 'SCARCE', name: 'Scarce', unitWeightGrams: 250 },
    ],
    stock: [
      { sku: 'TEA-R', nodeId: 'cn-fast', onHand: 100 },
      { sku: 'TEA-R', nodeId: 'cn-cheap', onHand: 100 },
      { sku: 'SCARCE', nodeId: 'cn-cheap', onHand: 1 },
    ],
  });
});

afterAll(async () => {
  await app?.close();
  await core?.close();
  await scope.dispose();
});

const facts = (customerSegment: string, inventoryLock: Partial<OrderRuleFacts['inventoryLock']> = {}): OrderRuleFacts => ({
  customerSegment,
  originCountry: 'CN',
  destinationCountry: 'CN',
  paymentTerms: 'PREPAID',
  itemsTotal: 3_000,
  shippingTotal: 0,
  grandTotal: 3_000,
  discountTotal: 0,
  payableTotal: 3_000,
  lines: [{ sku: 'TEA-R', quantity: 1, unitPrice: 3_000, category: 'FOOD', hazardous: false }],
  inventoryLock: { holdMinutes: null, onShortage: null, versions: [], ...inventoryLock },
});

/** Registers an order in core the way a region's command relay does, and waits until fulfilment applied its event. */
async function placeThroughCore(channel: string, ruleFacts: OrderRuleFacts): Promise<string> {
  const nc = await connectTestNats(scope.env);
  const orderId = randomUUID();
  const applied = waitFor<{ messageId: string; outcome: string }>((o) => o.messageId.includes(orderId) && o.outcome === 'applied');
  settled.push(applied.push);
  try {
    const command = {
      commandId: randomUUID(),
      source: 'region-cn',
      sequence: 1,
      orderId,
      kind: 'order.register',
      body: {
        idempotencyKey: `key-${orderId}`,
        orderId,
        number: `CN-261203-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`,
        region: 'cn',
        channel,
        currency: 'CNY',
        customerRef: 'cust-r',
        lines: [{ sku: 'TEA-R', name: 'Tea', quantity: 1, unitPrice: 3_000, unitTax: 0, attributes: {} }],
        paymentTerms: 'PREPAID',
        placedAt: new Date().toISOString(),
        actor: { type: 'user', id: 'cust-r' },
        ruleFacts,
      },
    };
    const answer = (await nc.request(subjectsFor(scope.env.NATS_NAMESPACE).coreCommands(command.source), JSON.stringify(command), { timeout: 10_000 })).json<{
      outcome: string;
    }>();
    expect(answer).toMatchObject({ outcome: 'accepted' });
    await applied.done;
    return orderId;
  } finally {
    await nc.close();
  }
}

const SHIPMENTS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {
  shipments { nodeId state allocationRules { weights { cost time carbon splitPenalty } versions { ruleSet version publication } ignoredCriteria } }
  fulfilment { state reservedUntil timeline { kind } } } } }`;
const view = async (orderId: string) => {
  const token = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const result = await postGraphQL(app.url, SHIPMENTS, { r: [{ __typename: 'Order', id: orderId }] }, token);
  expect(result.errors).toBeUndefined();
  return result.data._entities[0];
};

it('allocates by the weights a rule scoped to a channel and a segment decides, and records the version on the shipment', async () => {
  const channelWeights = { cost: 1, time: 20, carbon: 10, splitPenalty: 300 };
  // Before any rule: time weighs 20 per hour, so three days' wait costs less than the dear express lane.
  const before = await view(await placeThroughCore('MARKETPLACE', facts('b2b')));
  expect(before.shipments).toEqual([{ nodeId: 'cn-cheap', state: 'ALLOCATED', allocationRules: null }]);

  const arrived = waitFor<RuleSetPublication>((publication) => publication.ruleSet === 'b2b-marketplace-speed');
  rulesApplied.push(arrived.push);
  await publishTestRuleSet(
    scope.env,
    testRuleSet({
      region: 'cn',
      channel: 'MARKETPLACE',
      ruleSet: 'b2b-marketplace-speed',
      module: 'ALLOCATION_WEIGHTS',
      version: 3,
      rules: [{ id: 'b2b-time', condition: 'order.customerSegment == "b2b"', target: 'time', value: '100.0', message: 'Business buyers wait less' }],
    }),
  );
  await arrived.done;

  const b2b = await view(await placeThroughCore('MARKETPLACE', facts('b2b')));
  expect(b2b.shipments).toEqual([
    {
      nodeId: 'cn-fast',
      state: 'ALLOCATED',
      allocationRules: {
        weights: { ...channelWeights, time: 100 },
        versions: [{ ruleSet: 'b2b-marketplace-speed', version: 3, publication: 1 }],
        ignoredCriteria: [],
      },
    },
  ]);
  // The same rule set is in force for a consumer on the marketplace, but its rule does not match: the channel's weights.
  const consumer = await view(await placeThroughCore('MARKETPLACE', facts('consumer')));
  expect(consumer.shipments).toEqual([
    {
      nodeId: 'cn-cheap',
      state: 'ALLOCATED',
      allocationRules: { weights: channelWeights, versions: [{ ruleSet: 'b2b-marketplace-speed', version: 3, publication: 1 }], ignoredCriteria: [] },
    },
  ]);
  // Another channel is out of the rule set's scope.
  expect((await view(await placeThroughCore('WEB', facts('b2b')))).shipments).toEqual([{ nodeId: 'cn-cheap', state: 'ALLOCATED', allocationRules: null }]);
});

const placed = (ruleFacts: OrderRuleFacts, sku = 'TEA-R', placedAt = new Date()): OrderPlacedEvent => ({
  type: 'order.placed',
  orderId: randomUUID(),
  number: `CN-T-${randomUUID().slice(0, 8)}`,
  region: 'cn',
  channel: 'WEB',
  currency: 'CNY',
  grandTotal: 3_000,
  customerRef: 'cust-r',
  status: 'CREATED',
  version: 1,
  occurredAt: placedAt.toISOString(),
  lines: [{ lineNo: 1, sku, quantity: 1, attributes: {} }],
  ruleFacts,
});
const stepped = (orderId: string, to: OrderStatusChangedEvent['to'], version: number): OrderStatusChangedEvent => ({
  type: 'order.status-changed',
  orderId,
  region: 'cn',
  from: 'CREATED',
  to,
  version,
  actor: { type: 'user', id: 'cust-r' },
  occurredAt: new Date().toISOString(),
});
const reservedAt = async (node: string) =>
  (await query<{ reserved: number }>(app.orm.em.fork(), `select reserved from inventory where sku = 'TEA-R' and node_id = ?`, [node]))[0]!.reserved;
const movementsOf = (orderId: string) =>
  query<{ kind: string; reserved_delta: number }>(app.orm.em.fork(), `select kind, reserved_delta from stock_movement where order_id = ? order by id`, [
    orderId,
  ]);

it("releases an unpaid order's reservation once when the lock's minutes run out, keeps a paid one, and takes a late payment again", async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const placedAt = new Date();
  const unpaid = placed(facts('consumer', { holdMinutes: 30, versions: [{ ruleSet: 'presale-lock', version: 2, publication: 5 }] }), 'TEA-R', placedAt);
  const paid = placed(facts('consumer', { holdMinutes: 30 }), 'TEA-R', placedAt);
  for (const event of [unpaid, paid]) await app.orm.em.fork().transactional((em) => handle(event, em));
  await app.orm.em.fork().transactional((em) => handle(stepped(paid.orderId, 'PAID', 2), em));
  const reserved = await reservedAt('cn-cheap');
  expect((await view(unpaid.orderId)).fulfilment.reservedUntil).toBe(new Date(placedAt.getTime() + 30 * 60_000).toISOString());

  expect(await app.expiry.sweep(new Date(placedAt.getTime() + 29 * 60_000))).toBe(0);
  expect(await app.expiry.sweep(new Date(placedAt.getTime() + 31 * 60_000))).toBe(1);
  expect(await app.expiry.sweep(new Date(placedAt.getTime() + 60 * 60_000))).toBe(0);
  expect(await reservedAt('cn-cheap')).toBe(reserved - 1);
  expect(await movementsOf(unpaid.orderId)).toEqual([
    { kind: 'ALLOCATION', reserved_delta: 1 },
    { kind: 'RELEASE', reserved_delta: -1 },
  ]);
  expect(await movementsOf(paid.orderId)).toEqual([{ kind: 'ALLOCATION', reserved_delta: 1 }]);
  expect(await view(unpaid.orderId)).toMatchObject({
    shipments: [{ nodeId: 'cn-cheap', state: 'EXPIRED' }],
    fulfilment: { state: 'RESERVATION_EXPIRED', reservedUntil: null, timeline: [{ kind: 'ALLOCATED' }, { kind: 'RESERVATION_EXPIRED' }] },
  });
  const withdrawn = await query<{ payload: Record<string, unknown> }>(app.orm.em.fork(), `select payload from outbox_event where message_id = ?`, [
    `fulfilment.shipments-planned:${unpaid.orderId}:reservation-expired`,
  ]);
  expect(withdrawn.map((row) => row.payload)).toEqual([expect.objectContaining({ cause: 'reservation-expired', shipments: [], orderId: unpaid.orderId })]);

  // Paid after all: allocated again from the stock there is now, once however often the event comes.
  await app.orm.em.fork().transactional((em) => handle(stepped(unpaid.orderId, 'PAID', 2), em));
  await app.orm.em.fork().transactional((em) => handle(stepped(unpaid.orderId, 'PAID', 2), em));
  expect((await view(unpaid.orderId)).fulfilment.state).toBe('ALLOCATED');
  expect((await movementsOf(unpaid.orderId)).map((movement) => movement.kind)).toEqual(['ALLOCATION', 'RELEASE', 'ALLOCATION']);
});

it("refuses an order short of stock when its lock rule says REFUSE, though fulfilment's default backorders", async () => {
  const handle = createOrderEventsHandler(app.allocation, app.consolidation);
  const refuse = placed(facts('consumer', { onShortage: 'REFUSE' }), 'SCARCE');
  const wait = placed(facts('consumer'), 'SCARCE');
  refuse.lines = [{ lineNo: 1, sku: 'SCARCE', quantity: 2, attributes: {} }];
  wait.lines = [{ lineNo: 1, sku: 'SCARCE', quantity: 2, attributes: {} }];
  for (const event of [refuse, wait]) await app.orm.em.fork().transactional((em) => handle(event, em));
  expect((await view(refuse.orderId)).fulfilment.state).toBe('REFUSED');
  expect((await view(wait.orderId)).fulfilment.state).toBe('PARTIALLY_ALLOCATED');
});

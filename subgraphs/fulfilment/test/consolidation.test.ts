import { createHmac, randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import { decideDelivery } from '@hub/shared/green/delivery-options.rules';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';
import { RefusedError } from '../src/user-error.js';

// Low-carbon delivery end to end on real PostgreSQL and NATS: a region registers orders with core carrying the chosen
// option; core records it and publishes it; fulfilment holds the consolidated orders of one customer key in one
// consignment, refuses to pick them early, and releases them together by the deadline that keeps every promise.
const scope = createTestScope('consolidation');
const orderSettled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let app: FulfilmentApp;
let nc: NatsConnection;
let sequence = 0;

const stringify = (env: object) => Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));
// What a region computes: a keyed hash of customer and normalised address; the address itself never leaves it.
const keyOf = (customerRef: string, address: string) => createHmac('sha256', 'region-secret').update(`${customerRef}\n${address}`).digest('hex');

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  app = await createFulfilmentApp(readFulfilmentEnv({ ...process.env, ...stringify(scope.env), PORT: '0', SOLVER_ENABLED: 'false' }), {
    onOrderEventSettled: (outcome) => orderSettled.forEach((listener) => listener(outcome)),
  });
  await seedNetwork(app.orm.em.fork(), {
    zones: [{ code: 'cn-east', region: 'cn', name: 'East China', lat: 31.23, lon: 121.47, isDefault: true }],
    nodes: [
      {
        id: 'cn-sha-dc',
        name: 'Shanghai DC',
        kind: 'CENTRAL',
        region: 'cn',
        zone: 'cn-east',
        lat: 31.0,
        lon: 121.2,
        dailyCapacity: 10_000,
        cutoffMinutes: [],
        lanes: [lane('YTO', 'STANDARD')],
      },
      // No stock until the re-allocation test receives some: every order placed before that ships from Shanghai.
      {
        id: 'cn-hgh-dc',
        name: 'Hangzhou DC',
        kind: 'CENTRAL',
        region: 'cn',
        zone: 'cn-east',
        lat: 30.27,
        lon: 120.15,
        dailyCapacity: 10_000,
        cutoffMinutes: [],
        lanes: [lane('YTO', 'STANDARD')],
      },
    ],
    skus: [
      { sku: 'TEA-1', name: 'Longjing tea', unitWeightGrams: 250, lengthMm: 150, widthMm: 100, heightMm: 80 },
      { sku: 'SILK', name: 'Silk scarf', unitWeightGrams: 100, lengthMm: 200, widthMm: 150, heightMm: 20 },
    ],
    stock: [
      { sku: 'TEA-1', nodeId: 'cn-sha-dc', onHand: 100 },
      { sku: 'SILK', nodeId: 'cn-sha-dc', onHand: 100 },
    ],
  });
  nc = await connectTestNats(scope.env, 'test-region');
});

afterAll(async () => {
  await nc?.close();
  await app?.close();
  await core?.close();
  await scope.dispose();
});

async function placeOrder(
  customerRef: string,
  delivery: Record<string, unknown> | undefined,
  lines: Array<{ sku: string; quantity: number }>,
): Promise<string> {
  const orderId = randomUUID();
  const applied = waitFor<{ messageId: string; outcome: string }>((outcome) => outcome.messageId.includes(orderId) && outcome.outcome === 'applied');
  orderSettled.push(applied.push);
  const body = {
    idempotencyKey: `key-${orderId}`,
    orderId,
    number: `CN-261203-${String(++sequence).padStart(6, '0')}`,
    region: 'cn',
    channel: 'WEB',
    currency: 'CNY',
    customerRef,
    lines: lines.map((line) => ({ ...line, name: line.sku, unitPrice: 1000, unitTax: 0, attributes: {} })),
    paymentTerms: 'PREPAID',
    placedAt: new Date().toISOString(),
    actor: { type: 'user', id: customerRef },
    ...(delivery ? { delivery } : {}),
  };
  const reply = (
    await nc.request(
      subjectsFor(scope.env.NATS_NAMESPACE).coreCommands('region-cn'),
      JSON.stringify({ commandId: randomUUID(), source: 'region-cn', sequence: ++sequence, orderId, kind: 'order.register', body }),
      { timeout: 10_000 },
    )
  ).json<{ outcome: string }>();
  expect(reply.outcome).toBe('accepted');
  await applied.done;
  return orderId;
}

const consolidated = (key: string, at = new Date()) => {
  const choice = decideDelivery(at, 'CONSOLIDATED');
  return {
    option: 'CONSOLIDATED',
    promisedBy: choice.promisedBy.toISOString(),
    consolidateUntil: choice.consolidateUntil!.toISOString(),
    consolidationKey: key,
  };
};

interface ShipmentRow {
  id: string;
  order_id: string;
  consignment_id: string | null;
  held_until: Date | null;
  departure_at: Date;
  eta_at: Date;
}
const shipmentsOf = async (orderIds: string[]) =>
  await query<ShipmentRow>(
    app.orm.em.fork(),
    `select id, order_id, consignment_id, held_until, departure_at, eta_at from shipment where order_id = any(?::uuid[])`,
    [`{${orderIds.join(',')}}`],
  );

it('holds one customer’s consolidated orders to one address as one consignment and releases them together, keeping every promise', async () => {
  const home = keyOf('cust-a', 'xuhui district 1, 200030 shanghai');
  const first = await placeOrder('cust-a', consolidated(home), [{ sku: 'TEA-1', quantity: 2 }]);
  const second = await placeOrder('cust-a', consolidated(home, new Date(Date.now() - 86_400_000)), [{ sku: 'SILK', quantity: 1 }]);
  const office = await placeOrder('cust-a', consolidated(keyOf('cust-a', 'pudong avenue 9, 200120 shanghai')), [{ sku: 'SILK', quantity: 1 }]);
  const standard = await placeOrder('cust-a', undefined, [{ sku: 'TEA-1', quantity: 1 }]);

  const rows = await shipmentsOf([first, second, office, standard]);
  const byOrder = new Map(rows.map((row) => [row.order_id, row]));
  expect(byOrder.get(standard)!.consignment_id).toBeNull();
  expect(byOrder.get(first)!.consignment_id).not.toBeNull();
  expect(byOrder.get(first)!.consignment_id).toBe(byOrder.get(second)!.consignment_id);
  expect(byOrder.get(office)!.consignment_id).not.toBe(byOrder.get(first)!.consignment_id);

  // Both leave by the earlier deadline (the second order's, placed a day earlier), and arrive by their promises.
  const [consignment] = await query<{ dispatch_by: Date; state: string }>(app.orm.em.fork(), `select dispatch_by, state from consignment where id = ?`, [
    byOrder.get(first)!.consignment_id,
  ]);
  expect(consignment!.state).toBe('HOLDING');
  expect(new Date(byOrder.get(first)!.departure_at)).toEqual(new Date(consignment!.dispatch_by));
  expect(new Date(byOrder.get(second)!.departure_at)).toEqual(new Date(consignment!.dispatch_by));
  const promises = await query<{ order_id: string; promised_by: Date }>(
    app.orm.em.fork(),
    `select order_id, promised_by from fulfilment_order where order_id = any(?::uuid[])`,
    [`{${[first, second].join(',')}}`],
  );
  for (const { order_id, promised_by } of promises)
    expect(new Date(byOrder.get(order_id)!.eta_at).getTime()).toBeLessThanOrEqual(new Date(promised_by).getTime());

  // A held shipment is not picked before its consignment leaves.
  const actor = { type: 'user' as const, id: 'picker-1' };
  const early = await app.progress.record({ shipmentId: byOrder.get(first)!.id, step: 'PICKED' }, actor).catch((error: unknown) => error);
  expect(early).toBeInstanceOf(RefusedError);
  expect((early as RefusedError).refusals[0]).toMatchObject({ code: 'SHIPMENT_HELD_FOR_CONSOLIDATION', field: ['input', 'shipmentId'] });

  // Not due yet: nothing leaves. At the deadline: both orders leave as one, emitting less than two parcels would.
  expect(await app.consolidation.releaseDue(new Date(new Date(consignment!.dispatch_by).getTime() - 60_000))).toEqual([]);
  const released = await app.consolidation.releaseDue(new Date(consignment!.dispatch_by));
  const home_ = released.find((r) => r.orderIds.includes(first))!;
  expect(home_.orderIds.sort()).toEqual([first, second].sort());
  expect(home_.reason).toBe('DEADLINE');
  expect(home_.co2eGrams).toBeLessThan(home_.co2eSeparateGrams);
  const [stored] = await query<{ state: string; orders: number; packaging: { parcels: Array<{ boxCode: string }> } }>(
    app.orm.em.fork(),
    `select state, orders, packaging from consignment where id = ?`,
    [home_.id],
  );
  expect(stored).toMatchObject({ state: 'RELEASED', orders: 2 });
  expect(stored!.packaging.parcels).toHaveLength(1);
  expect(await app.consolidation.releaseDue(new Date(consignment!.dispatch_by))).toEqual([]);
  expect((await app.progress.record({ shipmentId: byOrder.get(first)!.id, step: 'PICKED' }, actor)).changed).toBe(true);

  // Core shows the choice on the order; the consolidation key stays internal.
  const owner = await scope.token({ subject: 'cust-a', role: 'customer', regions: ['cn'] });
  const { data, errors } = await postGraphQL(
    core.url,
    `query($id: ID!) { order(id: $id) { delivery { option promisedBy consolidateUntil } } }`,
    { id: first },
    owner,
  );
  expect(errors).toBeUndefined();
  expect(data.order.delivery).toMatchObject({ option: 'CONSOLIDATED' });
});

it('refuses a registration whose consolidation key is not a keyed hash (an address sent by mistake never reaches core)', async () => {
  const orderId = randomUUID();
  const reply = (
    await nc.request(
      subjectsFor(scope.env.NATS_NAMESPACE).coreCommands('region-cn'),
      JSON.stringify({
        commandId: randomUUID(),
        source: 'region-cn',
        sequence: ++sequence,
        orderId,
        kind: 'order.register',
        body: {
          idempotencyKey: `key-${orderId}`,
          orderId,
          number: `CN-261203-${String(++sequence).padStart(6, '0')}`,
          region: 'cn',
          channel: 'WEB',
          currency: 'CNY',
          customerRef: 'cust-b',
          lines: [{ sku: 'TEA-1', name: 'TEA-1', quantity: 1, unitPrice: 1000, unitTax: 0, attributes: {} }],
          placedAt: new Date().toISOString(),
          actor: { type: 'user', id: 'cust-b' },
          delivery: { ...consolidated('x'), consolidationKey: 'xuhui district 1, 200030 shanghai' },
        },
      }),
      { timeout: 10_000 },
    )
  ).json<{ outcome: string }>();
  expect(reply.outcome).toBe('rejected');
});

it('keeps consolidated orders moved off a node that went down together in a consignment at their new node, by the same deadline rule', async () => {
  const key = keyOf('cust-c', 'jingan road 5, 200040 shanghai');
  const early = await placeOrder('cust-c', consolidated(key, new Date(Date.now() - 86_400_000)), [{ sku: 'TEA-1', quantity: 1 }]);
  const late = await placeOrder('cust-c', consolidated(key), [{ sku: 'SILK', quantity: 2 }]);
  const alone = await placeOrder('cust-c', undefined, [{ sku: 'SILK', quantity: 1 }]);
  const before = new Map((await shipmentsOf([early, late])).map((row) => [row.order_id, row]));
  const oldConsignment = before.get(early)!.consignment_id;
  expect(oldConsignment).not.toBeNull();
  expect(before.get(late)!.consignment_id).toBe(oldConsignment);
  // At placement too, the planned shipments event carries the ETA after the hold, not the one before it.
  const planned = await query<{ payload: { shipments: Array<{ etaAt: string }> } }>(
    app.orm.em.fork(),
    `select payload from outbox_event where message_id = ?`,
    [`fulfilment.shipments-planned:${late}:${before.get(late)!.id}`],
  );
  expect(planned.map((event) => event.payload.shipments.map((shipment) => shipment.etaAt))).toEqual([[new Date(before.get(late)!.eta_at).toISOString()]]);

  const operator = { type: 'user' as const, id: 'op-c' };
  for (const sku of ['TEA-1', 'SILK']) await app.inventory.receive({ sku, nodeId: 'cn-hgh-dc', quantity: 50, reference: `grn-${sku}` }, operator);
  const change = await app.nodes.setStatus('cn-sha-dc', 'DOWN', 'power failure', operator);
  const movedAt = new Date();
  await app.reallocation.run(change.job!.id);

  const moved = await query<ShipmentRow & { node_id: string; state: string }>(
    app.orm.em.fork(),
    `select id, order_id, node_id, state, consignment_id, held_until, departure_at, eta_at from shipment
      where order_id = any(?::uuid[]) and state = 'ALLOCATED'`,
    [`{${[early, late, alone].join(',')}}`],
  );
  const byOrder = new Map(moved.map((row) => [row.order_id, row]));
  expect(moved.map((row) => row.node_id)).toEqual(['cn-hgh-dc', 'cn-hgh-dc', 'cn-hgh-dc']);
  expect(byOrder.get(alone)!.consignment_id).toBeNull();
  const newConsignment = byOrder.get(early)!.consignment_id;
  expect(newConsignment).not.toBeNull();
  expect(newConsignment).not.toBe(oldConsignment);
  expect(byOrder.get(late)!.consignment_id).toBe(newConsignment);

  // The deadline rule at the new node: the earliest member's own deadline, counted from the move, within every promise.
  const [consignment] = await query<{ dispatch_by: Date; state: string; node_id: string }>(
    app.orm.em.fork(),
    `select dispatch_by, state, node_id from consignment where id = ?`,
    [newConsignment],
  );
  expect(consignment).toMatchObject({ state: 'HOLDING', node_id: 'cn-hgh-dc' });
  const dispatchBy = new Date(consignment!.dispatch_by).getTime();
  expect(dispatchBy).toBe(Math.min(...[early, late].map((id) => new Date(byOrder.get(id)!.held_until!).getTime())));
  expect(dispatchBy).toBeGreaterThan(movedAt.getTime());
  const promises = await query<{ order_id: string; promised_by: Date; consolidate_until: Date }>(
    app.orm.em.fork(),
    `select order_id, promised_by, consolidate_until from fulfilment_order where order_id = any(?::uuid[])`,
    [`{${[early, late].join(',')}}`],
  );
  for (const { order_id, promised_by, consolidate_until } of promises) {
    const row = byOrder.get(order_id)!;
    expect(new Date(row.departure_at).getTime()).toBe(dispatchBy);
    expect(new Date(row.eta_at).getTime()).toBeLessThanOrEqual(new Date(promised_by).getTime());
    expect(new Date(row.held_until!).getTime()).toBeLessThanOrEqual(new Date(consolidate_until).getTime());
  }
  const notes = await query<{ order_id: string; details: { consignmentId: string } }>(
    app.orm.em.fork(),
    `select order_id, details from order_timeline where kind = 'CONSOLIDATION_HELD' and details->>'consignmentId' = ?`,
    [newConsignment],
  );
  expect(notes.map((note) => note.order_id).sort()).toEqual([early, late].sort());

  // The consignment they left at the failed node is emptied: cancelled, so it no longer waits there.
  const [old] = await query<{ state: string; cancelled: boolean }>(
    app.orm.em.fork(),
    `select state, cancelled_at is not null as cancelled from consignment where id = ?`,
    [oldConsignment],
  );
  expect(old).toEqual({ state: 'CANCELLED', cancelled: true });
  // Each customer's notice tells the ETA after the hold at the new node (the shipment's own, departing with the consignment).
  const notices = await query<{ payload: { orderId: string; newEtaAt: string | null } }>(
    app.orm.em.fork(),
    `select payload from outbox_event where message_id = any(?::text[])`,
    [`{${[early, late, alone].map((orderId) => `fulfilment.customer-notice:${orderId}:${change.job!.id}`).join(',')}}`],
  );
  expect(notices).toHaveLength(3);
  for (const { payload } of notices) expect(payload.newEtaAt).toBe(new Date(byOrder.get(payload.orderId)!.eta_at).toISOString());

  // The API: the customer sees the consignment and how many orders travel in it, never their ids; the region's operator sees them.
  const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {
      shipments { state consignment { id status nodeId departsBy memberOrderCount memberOrderIds } } } } }`;
  const customer = await scope.token({ subject: 'cust-c', role: 'customer', regions: ['cn'] });
  const asCustomer = await postGraphQL(app.url, entities, { r: [{ __typename: 'Order', id: early }] }, customer);
  expect(asCustomer.errors).toBeUndefined();
  const current = asCustomer.data._entities[0].shipments.find((shipment: { state: string }) => shipment.state === 'ALLOCATED');
  expect(current.consignment).toEqual({
    id: newConsignment,
    status: 'HELD',
    nodeId: 'cn-hgh-dc',
    departsBy: new Date(dispatchBy).toISOString(),
    memberOrderCount: 2,
    memberOrderIds: null,
  });
  const cnOperator = await scope.token({ subject: 'op-c', role: 'operator', regions: ['cn'] });
  const asOperator = await postGraphQL(app.url, entities, { r: [{ __typename: 'Order', id: early }] }, cnOperator);
  const seen = asOperator.data._entities[0].shipments.find((shipment: { state: string }) => shipment.state === 'ALLOCATED');
  expect(seen.consignment.memberOrderIds).toEqual([early, late].sort());

  // The operator's list, paged by the shared convention: the soonest to leave first; another region's operator is refused.
  const list = `query($node: String, $region: String, $after: String) { consignments(nodeId: $node, region: $region, status: HELD, first: 1, after: $after) {
      nodes { id status memberOrderIds } pageInfo { hasNextPage endCursor } } }`;
  const pages: Array<{ id: string; memberOrderIds: string[] }> = [];
  for (let after: string | null = null, more = true; more;) {
    const page: any = await postGraphQL(app.url, list, { node: 'cn-hgh-dc', after }, cnOperator);
    expect(page.errors).toBeUndefined();
    pages.push(...page.data.consignments.nodes);
    ({ hasNextPage: more, endCursor: after } = page.data.consignments.pageInfo);
  }
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(new Set(pages.map((page) => page.id)).size).toBe(pages.length);
  expect(pages.find((page) => page.id === newConsignment)!.memberOrderIds).toEqual([early, late].sort());
  const foreignCursor = await postGraphQL(app.url, list, { node: 'cn-hgh-dc', after: Buffer.from('["x","y"]').toString('base64url') }, cnOperator);
  expect(foreignCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  const deOperator = await scope.token({ subject: 'op-d', role: 'operator', regions: ['de'] });
  for (const variables of [{ node: 'cn-hgh-dc' }, { region: 'cn' }]) {
    const refused = await postGraphQL(app.url, list, variables, deOperator);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }
  const cancelled = await postGraphQL(
    app.url,
    `query { consignments(nodeId: "cn-sha-dc", status: CANCELLED) { nodes { id status memberOrderCount } } }`,
    {},
    cnOperator,
  );
  expect(cancelled.errors).toBeUndefined();
  expect(cancelled.data.consignments.nodes).toContainEqual({ id: oldConsignment, status: 'CANCELLED', memberOrderCount: 0 });
  const asCustomerList = await postGraphQL(app.url, list, {}, customer);
  expect(asCustomerList.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

import { randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTestNats, createTestScope, postGraphQL, waitFor } from '@hub/shared/testing/harness';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';

// Core and fulfilment run here on one test scope: warehouse steps travel through fulfilment's command
// outbox to the real core, and carbon is read through fulfilment's Order extension.
const scope = createTestScope('green');
const orderSettled: Array<(outcome: { messageId: string; outcome: string }) => void> = [];
const commandSettled: Array<(outcome: { commandId: string; outcome: string }) => void> = [];
let core: Awaited<ReturnType<typeof createCoreApp>>;
let app: FulfilmentApp;
let nc: NatsConnection;
let sequence = 0;

const SHANGHAI = { lat: 31.23, lon: 121.47 };
const stringify = (env: object) => Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));

beforeAll(async () => {
  core = await createCoreApp({ ...scope.env, PORT: 0 });
  app = await createFulfilmentApp(readFulfilmentEnv({ ...process.env, ...stringify(scope.env), PORT: '0', SOLVER_ENABLED: 'false' }), {
    onOrderEventSettled: (outcome) => orderSettled.forEach((listener) => listener(outcome)),
    onCommandSettled: (command, outcome) => commandSettled.forEach((listener) => listener({ commandId: command.commandId, outcome })),
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
        lat: 31.0,
        lon: 121.2,
        dailyCapacity: 10_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD')],
      },
      {
        id: 'cn-hgh-fw',
        name: 'Hangzhou forward',
        kind: 'FORWARD',
        region: 'cn',
        zone: 'cn-east',
        lat: 30.27,
        lon: 120.15,
        dailyCapacity: 10_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD')],
      },
    ],
    skus: [
      { sku: 'TEA-1', name: 'Longjing tea', unitWeightGrams: 250, lengthMm: 150, widthMm: 100, heightMm: 80 },
      { sku: 'RUG', name: 'Rolled rug', unitWeightGrams: 4_000, lengthMm: 1_800, widthMm: 200, heightMm: 200 },
      { sku: 'SILK', name: 'Silk scarf', unitWeightGrams: 100, lengthMm: 200, widthMm: 150, heightMm: 20 },
    ],
    stock: [
      { sku: 'TEA-1', nodeId: 'cn-sha-dc', onHand: 100 },
      { sku: 'RUG', nodeId: 'cn-sha-dc', onHand: 5 },
      { sku: 'SILK', nodeId: 'cn-hgh-fw', onHand: 10 },
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

/** Sends a command to core as a region's relay does and waits until fulfilment applied the resulting event. */
async function asRegion(
  orderId: string,
  kind: 'order.register' | 'order.transition',
  body: Record<string, unknown>,
  appliedMessageId: (version: number) => string,
) {
  const applied = waitFor<{ messageId: string; outcome: string }>((outcome) => outcome.messageId.includes(orderId) && outcome.outcome === 'applied');
  orderSettled.push(applied.push);
  const reply = (
    await nc.request(
      subjectsFor(scope.env.NATS_NAMESPACE).coreCommands('region-cn'),
      JSON.stringify({ commandId: randomUUID(), source: 'region-cn', sequence: ++sequence, orderId, kind, body }),
      { timeout: 10_000 },
    )
  ).json<{ outcome: string; order: { version: number } }>();
  expect(reply.outcome).toBe('accepted');
  await applied.done;
  return appliedMessageId(reply.order.version);
}

async function placePaidOrder(lines: Array<{ sku: string; quantity: number }>): Promise<string> {
  const orderId = randomUUID();
  await asRegion(
    orderId,
    'order.register',
    {
      idempotencyKey: `key-${orderId}`,
      orderId,
      number: `CN-261202-${String(++sequence).padStart(6, '0')}`,
      region: 'cn',
      channel: 'WEB',
      currency: 'CNY',
      customerRef: 'cust-1',
      lines: lines.map((line) => ({ ...line, name: line.sku, unitPrice: 1000, unitTax: 0, attributes: {} })),
      shippingTotal: 0,
      discountTotal: 0,
      paymentTerms: 'PREPAID',
      placedAt: new Date(Date.now() - 3_600_000).toISOString(),
      actor: { type: 'user', id: 'cust-1' },
    },
    (version) => `${version}`,
  );
  await asRegion(
    orderId,
    'order.transition',
    { to: 'PAID', occurredAt: new Date(Date.now() - 3_000_000).toISOString(), actor: { type: 'system', id: 'psp' } },
    (version) => `${version}`,
  );
  return orderId;
}

const ORDER = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {
  carbon { totalGrams ttwGrams wtwGrams operationsGrams packagingGrams factorVersions label shipments { shipmentId totalGrams factorVersion } }
  shipments { id state version co2eGrams packaging { boxCode units voidFillCm3 materialGrams } packingRefusals { code lineNo sku units } } } } }`;

it("puts CO2e (WTW, TTW, hubs, packaging) and the smallest box on each shipment, and labels the order in the region's wording", async () => {
  const orderId = await placePaidOrder([{ sku: 'TEA-1', quantity: 2 }]);
  const operator = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const read = async () => await postGraphQL(app.url, ORDER, { r: [{ __typename: 'Order', id: orderId }] }, operator);
  const first = await read();
  expect(first.errors).toBeUndefined();
  const order = first.data._entities[0];
  expect(order.shipments).toHaveLength(1);
  expect(order.shipments[0].packaging).toEqual([{ boxCode: 'XS', units: 2, voidFillCm3: 3_000 - 2 * 1_200, materialGrams: 90 }]);
  const carbon = order.carbon;
  expect(carbon.factorVersions).toEqual([CURRENT_CARBON_FACTORS.version]);
  expect(carbon.wtwGrams).toBeGreaterThanOrEqual(carbon.ttwGrams);
  expect(carbon.packagingGrams).toBe(54);
  expect(carbon.totalGrams).toBe(order.shipments[0].co2eGrams);
  expect(Math.abs(carbon.totalGrams - (carbon.wtwGrams + carbon.operationsGrams + carbon.packagingGrams))).toBeLessThanOrEqual(2);
  expect(carbon.label).toMatch(/^碳排放约 [\d.]+ 千克二氧化碳当量$/);
  const table = await postGraphQL(
    app.url,
    `query($v: String) { carbonFactorTable(version: $v) { version entries { subject status source } } }`,
    { v: carbon.factorVersions[0] },
    operator,
  );
  expect(table.data.carbonFactorTable.version).toBe(carbon.factorVersions[0]);
  expect(table.data.carbonFactorTable.entries.map((entry: { subject: string }) => entry.subject)).toEqual(
    expect.arrayContaining(['ROAD_LCV', 'ROAD_ARTIC', 'AIR_SHORT_HAUL', 'WAREHOUSE', 'PACKAGING']),
  );
  expect(
    table.data.carbonFactorTable.entries.every(
      (entry: { status: string; source: string }) => ['SECONDARY', 'UNVERIFIED'].includes(entry.status) && entry.source.length > 0,
    ),
  ).toBe(true);

  // A region rewords its label as data: the next read shows it, no release.
  const SET = `mutation($input: CarbonLabelFormatSetInput!) { carbonLabelFormatSet(input: $input) { format { region sample } userErrors { code field } } }`;
  const bad = await postGraphQL(
    app.url,
    SET,
    { input: { region: 'cn', locale: 'zh-CN', template: 'no placeholder', unit: 'g', maximumFractionDigits: 0 } },
    operator,
  );
  expect(bad.data.carbonLabelFormatSet).toEqual({ format: null, userErrors: [{ code: 'INVALID', field: ['input', 'template'] }] });
  const set = await postGraphQL(
    app.url,
    SET,
    { input: { region: 'cn', locale: 'zh-CN', template: '{value} 克 CO₂e', unit: 'g', maximumFractionDigits: 0 } },
    operator,
  );
  expect(set.data.carbonLabelFormatSet).toEqual({ format: { region: 'cn', sample: '1,234 克 CO₂e' }, userErrors: [] });
  const again = (await read()).data._entities[0].carbon;
  expect(again.label).toBe(`${new Intl.NumberFormat('zh-CN').format(carbon.totalGrams)} 克 CO₂e`);
  const otherRegion = await scope.token({ subject: 'op-de', role: 'operator', regions: ['de'] });
  expect(
    (await postGraphQL(app.url, SET, { input: { region: 'cn', locale: 'de-DE', template: '{value}', unit: 'g', maximumFractionDigits: 0 } }, otherRegion))
      .errors?.[0]?.extensions?.code,
  ).toBe('FORBIDDEN');
});

it('refuses units larger than every box with their line, and boxes the rest', async () => {
  const orderId = await placePaidOrder([
    { sku: 'TEA-1', quantity: 1 },
    { sku: 'RUG', quantity: 1 },
  ]);
  const operator = await scope.token({ subject: 'op-1', role: 'operator', regions: ['cn'] });
  const { data } = await postGraphQL(app.url, ORDER, { r: [{ __typename: 'Order', id: orderId }] }, operator);
  const [shipment] = data._entities[0].shipments;
  expect(shipment.packaging.map((parcel: { boxCode: string }) => parcel.boxCode)).toEqual(['XS']);
  expect(shipment.packingRefusals).toEqual([{ code: 'ITEM_LARGER_THAN_EVERY_BOX', lineNo: 2, sku: 'RUG', units: 1 }]);
  const timeline = await postGraphQL(
    app.url,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { fulfilment { timeline { kind note } } } } }`,
    { r: [{ __typename: 'Order', id: orderId }] },
    operator,
  );
  expect(timeline.data._entities[0].fulfilment.timeline).toEqual([
    { kind: 'ALLOCATED', note: '1 shipment(s)' },
    { kind: 'PACKING_REFUSED', note: 'line 2: 1 unit(s) ITEM_LARGER_THAN_EVERY_BOX' },
  ]);
});

it('reports PICKED, PACKED and OUTBOUND to core through the command outbox, with the worker as actor and the event time', async () => {
  const orderId = await placePaidOrder([{ sku: 'TEA-1', quantity: 3 }]);
  const shipmentId = (await query<{ id: string }>(app.orm.em.fork(), `select id from shipment where order_id = ?`, [orderId]))[0]!.id;
  const worker = await scope.token({ subject: 'picker-7', role: 'warehouse', regions: ['cn'] });
  const STEP = `mutation($input: ShipmentStepRecordInput!) { shipmentStepRecord(input: $input) { shipmentId changed reportedToCore userErrors { code field } } }`;
  const step = (input: Record<string, unknown>, token = worker) => postGraphQL(app.url, STEP, { input: { shipmentId, ...input } }, token);

  const outsider = await scope.token({ subject: 'picker-de', role: 'warehouse', regions: ['de'] });
  expect((await step({ step: 'PICKED' }, outsider)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await step({ step: 'PACKED' })).data.shipmentStepRecord).toEqual({
    shipmentId: null,
    changed: false,
    reportedToCore: false,
    userErrors: [{ code: 'INVALID_STATUS_TRANSITION', field: ['input', 'step'] }],
  });

  // Steps come after the allocation that created the shipment (a scanner clock may run a little ahead).
  const times = { PICKED: new Date(Date.now() + 1_000), PACKED: new Date(Date.now() + 2_000), OUTBOUND: new Date(Date.now() + 3_000) };
  for (const [name, at] of Object.entries(times)) {
    const accepted = waitFor<{ commandId: string; outcome: string }>((outcome) => outcome.commandId === `fulfilment:${orderId}:${name}`);
    commandSettled.push(accepted.push);
    const result = await step({ step: name, occurredAt: at.toISOString() });
    expect(result.data.shipmentStepRecord).toEqual({ shipmentId, changed: true, reportedToCore: true, userErrors: [] });
    expect((await accepted.done).outcome).toBe('accepted');
  }
  // A second scan changes nothing and queues nothing.
  expect((await step({ step: 'OUTBOUND' })).data.shipmentStepRecord).toEqual({ shipmentId, changed: false, reportedToCore: false, userErrors: [] });

  const changes = await query<{ to_status: string; actor_type: string; actor_id: string; occurred_at: Date }>(
    core.orm.em.fork(),
    `select to_status, actor_type, actor_id, occurred_at from core_orders.order_status_change where order_id = ? and to_status in ('PICKED', 'PACKED', 'OUTBOUND') order by sequence`,
    [orderId],
  );
  expect(changes.map((change) => [change.to_status, change.actor_type, change.actor_id, new Date(change.occurred_at).toISOString()])).toEqual(
    Object.entries(times).map(([name, at]) => [name, 'user', 'picker-7', at.toISOString()]),
  );
  const commands = await query<{ state: string; n: number }>(
    app.orm.em.fork(),
    `select state, count(*)::int as n from fulfilment.core_command where order_id = ? group by state`,
    [orderId],
  );
  expect(commands).toEqual([{ state: 'ACCEPTED', n: 3 }]);
  const stock = await query<{ on_hand: number; reserved: number }>(
    app.orm.em.fork(),
    `select on_hand, reserved from inventory where sku = 'TEA-1' and node_id = 'cn-sha-dc'`,
  );
  expect(stock[0]!.on_hand).toBe(100 - 3);
});

it('reports an order picked once when its two parcels are scanned at the same moment', async () => {
  const orderId = await placePaidOrder([
    { sku: 'TEA-1', quantity: 1 },
    { sku: 'SILK', quantity: 1 },
  ]);
  const ids = (await query<{ id: string }>(app.orm.em.fork(), `select id from shipment where order_id = ? order by node_id`, [orderId])).map((row) => row.id);
  expect(ids).toHaveLength(2);
  const worker = await scope.token({ subject: 'picker-8', role: 'warehouse', regions: ['cn'] });
  const accepted = waitFor<{ commandId: string; outcome: string }>((outcome) => outcome.commandId === `fulfilment:${orderId}:PICKED`);
  commandSettled.push(accepted.push);
  const STEP = `mutation($input: ShipmentStepRecordInput!) { shipmentStepRecord(input: $input) { changed reportedToCore userErrors { code } } }`;
  const results = await Promise.all(ids.map((shipmentId) => postGraphQL(app.url, STEP, { input: { shipmentId, step: 'PICKED' } }, worker)));
  expect(results.map((result) => result.data.shipmentStepRecord.changed)).toEqual([true, true]);
  expect(results.filter((result) => result.data.shipmentStepRecord.reportedToCore)).toHaveLength(1);
  expect((await accepted.done).outcome).toBe('accepted');
  const commands = await query<{ command_id: string; state: string }>(
    app.orm.em.fork(),
    `select command_id, state from fulfilment.core_command where order_id = ?`,
    [orderId],
  );
  expect(commands).toEqual([{ command_id: `fulfilment:${orderId}:PICKED`, state: 'ACCEPTED' }]);
});

it("takes a partner WMS's warehouse steps on a service token scoped to them, and refuses other service tokens", async () => {
  const orderId = await placePaidOrder([{ sku: 'TEA-1', quantity: 1 }]);
  const shipmentId = (await query<{ id: string }>(app.orm.em.fork(), `select id from shipment where order_id = ?`, [orderId]))[0]!.id;
  const STEP = `mutation($input: ShipmentStepRecordInput!) { shipmentStepRecord(input: $input) { shipmentId changed reportedToCore userErrors { code } } }`;
  const pick = async (principal: Parameters<typeof scope.token>[0]) =>
    postGraphQL(app.url, STEP, { input: { shipmentId, step: 'PICKED' } }, await scope.token(principal));

  const refused = [
    { subject: 'hub-service', role: 'service', regions: [] },
    { subject: 'wms-no-purpose', role: 'service', regions: ['cn'] },
    { subject: 'wms-stock-only', role: 'service', regions: ['cn'], purpose: 'fulfilment.stock' },
    { subject: 'wms-elsewhere', role: 'service', regions: ['de'], purpose: 'fulfilment.warehouse-steps' },
    { subject: 'wms-unscoped', role: 'service', regions: [], purpose: 'fulfilment.warehouse-steps' },
  ] as const;
  for (const principal of refused) {
    const result = await pick({ ...principal, regions: [...principal.regions] });
    expect([principal.subject, result.errors?.[0]?.extensions?.code, result.data?.shipmentStepRecord ?? null]).toEqual([principal.subject, 'FORBIDDEN', null]);
  }
  const [untouched] = await query<{ state: string; version: number }>(app.orm.em.fork(), `select state, version from shipment where id = ?`, [shipmentId]);
  expect(untouched).toEqual({ state: 'ALLOCATED', version: 1 });

  const accepted = waitFor<{ commandId: string; outcome: string }>((outcome) => outcome.commandId === `fulfilment:${orderId}:PICKED`);
  commandSettled.push(accepted.push);
  const result = await pick({ subject: 'wms-acme', role: 'service', regions: ['cn'], purpose: 'fulfilment.warehouse-steps' });
  expect(result.data.shipmentStepRecord).toEqual({ shipmentId, changed: true, reportedToCore: true, userErrors: [] });
  expect((await accepted.done).outcome).toBe('accepted');
  const timeline = await query<{ actor_type: string; actor_id: string }>(
    app.orm.em.fork(),
    `select actor_type, actor_id from order_timeline where order_id = ? and kind = 'PICKED'`,
    [orderId],
  );
  expect(timeline).toEqual([{ actor_type: 'system', actor_id: 'wms-acme' }]);
});

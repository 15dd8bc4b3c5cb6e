import { randomUUID } from 'node:crypto';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { createFulfilmentApp, type FulfilmentApp } from '../src/app.js';
import { readFulfilmentEnv } from '../src/env.js';
import { query } from '../src/persistence/sql.js';
import { lane, seedNetwork } from '../src/seed/network.js';

// Transfers from a central to a forward warehouse and their receipt there, on the real PostgreSQL.
const scope = createTestScope('transfers');
let app: FulfilmentApp;
const stringify = (env: object) => Object.fromEntries(Object.entries(env).map(([key, value]) => [key, String(value)]));

beforeAll(async () => {
  app = await createFulfilmentApp(readFulfilmentEnv({ ...process.env, ...stringify(scope.env), PORT: '0', SOLVER_ENABLED: 'false' }));
  const node = (id: string, kind: 'CENTRAL' | 'FORWARD', region: string, zone: string, lat: number, lon: number) => ({
    id,
    name: id,
    kind,
    region,
    zone,
    lat,
    lon,
    dailyCapacity: 10_000,
    cutoffMinutes: [600],
    lanes: [lane('YTO', 'STANDARD')],
  });
  await seedNetwork(app.orm.em.fork(), {
    zones: [
      { code: 'cn-east', region: 'cn', name: 'East China', lat: 31.23, lon: 121.47, isDefault: true },
      { code: 'de-east', region: 'de', name: 'East Germany', lat: 52.5, lon: 13.4, isDefault: true },
    ],
    nodes: [
      node('cn-sha-dc', 'CENTRAL', 'cn', 'cn-east', 31.23, 121.47),
      node('cn-hgh-fw', 'FORWARD', 'cn', 'cn-east', 30.27, 120.15),
      node('de-ber-dc', 'CENTRAL', 'de', 'de-east', 52.5, 13.4),
    ],
    skus: [{ sku: 'TEA-1', name: 'Longjing tea', unitWeightGrams: 250 }],
    stock: [{ sku: 'TEA-1', nodeId: 'cn-sha-dc', onHand: 100 }],
  });
});

afterAll(async () => {
  await app?.close();
  await scope.dispose();
});

const RECEIVE = `mutation($input: TransferReceiveInput!) {
  transferReceive(input: $input) { changed transfer { id state version quantity receivedQuantity receiptReference } userErrors { code field } } }`;
const token = (principal: Parameters<typeof scope.token>[0]) => scope.token(principal);
const stockOf = async (nodeId: string) =>
  (
    await query<{ on_hand: number; reserved: number; inbound: number }>(
      app.orm.em.fork(),
      `select on_hand, reserved, inbound from inventory where sku = 'TEA-1' and node_id = ?`,
      [nodeId],
    )
  )[0];

/** A forecast proposal approved by an operator: 10 units leave Shanghai for the Hangzhou forward warehouse. */
async function transferInTransit(quantity = 10): Promise<string> {
  const proposalId = randomUUID();
  await query(
    app.orm.em.fork(),
    `insert into transfer_proposal (id, sku, from_node_id, to_node_id, quantity, forecast_units, reason, state) values (?, 'TEA-1', 'cn-sha-dc', 'cn-hgh-fw', ?, 12.5, 'forecast', 'PROPOSED')`,
    [proposalId, quantity],
  );
  const approved = await postGraphQL(
    app.url,
    `mutation($input: TransferProposalApproveInput!) { transferProposalApprove(input: $input) { transfer { id state version } userErrors { code } } }`,
    { input: { proposalId } },
    await token({ subject: 'planner-1', role: 'operator', regions: ['cn'] }),
  );
  expect(approved.data.transferProposalApprove).toMatchObject({ transfer: { state: 'IN_TRANSIT', version: 1 }, userErrors: [] });
  return approved.data.transferProposalApprove.transfer.id;
}

it('books a transfer in once: refusals change nothing, two receivers at once move the stock once, a retry is a no-op, all on the timeline', async () => {
  const transferId = await transferInTransit();
  expect(await stockOf('cn-sha-dc')).toEqual({ on_hand: 90, reserved: 0, inbound: 0 });
  expect(await stockOf('cn-hgh-fw')).toEqual({ on_hand: 0, reserved: 0, inbound: 10 });
  const worker = await token({ subject: 'receiver-3', role: 'warehouse', regions: ['cn'] });
  const receive = async (input: Record<string, unknown>, bearer = worker) =>
    (await postGraphQL(app.url, RECEIVE, { input: { transferId, ...input } }, bearer)).data.transferReceive;

  expect(await receive({ reference: 'GRN-0', expectedVersion: 0 })).toEqual({
    changed: false,
    transfer: null,
    userErrors: [{ code: 'CONFLICT', field: ['input', 'expectedVersion'] }],
  });
  expect(await receive({ reference: 'GRN-0', receivedQuantity: 11 })).toEqual({
    changed: false,
    transfer: null,
    userErrors: [{ code: 'INVALID', field: ['input', 'receivedQuantity'] }],
  });
  expect(await receive({ reference: 'GRN-0', transferId: randomUUID() })).toEqual({
    changed: false,
    transfer: null,
    userErrors: [{ code: 'NOT_FOUND', field: ['input', 'transferId'] }],
  });
  expect(await stockOf('cn-hgh-fw')).toEqual({ on_hand: 0, reserved: 0, inbound: 10 });

  // Two scanners book the same delivery at the same moment, under their own references: one wins.
  const both = await Promise.all(
    ['GRN-A', 'GRN-B'].map((reference) => receive({ reference, receivedQuantity: 8, expectedVersion: 1, note: 'two cartons crushed' })),
  );
  const winner = both.find((result) => result.changed)!;
  expect(both.filter((result) => result.changed)).toHaveLength(1);
  expect(both.find((result) => !result.changed)).toEqual({
    changed: false,
    transfer: null,
    userErrors: [{ code: 'CONFLICT', field: ['input', 'transferId'] }],
  });
  expect(winner.transfer).toEqual({
    id: transferId,
    state: 'RECEIVED',
    version: 2,
    quantity: 10,
    receivedQuantity: 8,
    receiptReference: expect.stringMatching(/^GRN-[AB]$/),
  });

  // The winner's scanner retries (its answer was lost), with the version it read before: nothing moves again.
  const retry = await receive({ reference: winner.transfer.receiptReference, receivedQuantity: 8, expectedVersion: 1 });
  expect(retry).toEqual({ changed: false, transfer: winner.transfer, userErrors: [] });

  expect(await stockOf('cn-hgh-fw')).toEqual({ on_hand: 8, reserved: 0, inbound: 0 });
  const movements = await query<{ kind: string; on_hand_delta: number; inbound_delta: number; actor_id: string; note: string }>(
    app.orm.em.fork(),
    `select kind, on_hand_delta, inbound_delta, actor_id, note from stock_movement where transfer_id = ? and node_id = 'cn-hgh-fw' order by id`,
    [transferId],
  );
  expect(movements).toEqual([
    { kind: 'TRANSFER_OUT', on_hand_delta: 0, inbound_delta: 10, actor_id: 'planner-1', note: null },
    { kind: 'TRANSFER_IN', on_hand_delta: 8, inbound_delta: -10, actor_id: 'receiver-3', note: `receipt ${winner.transfer.receiptReference}, short by 2` },
  ]);

  const read = await postGraphQL(
    app.url,
    `query($id: ID!) { transfer(id: $id) { state events { kind actor note received shortfall reference } } }`,
    { id: transferId },
    await token({ subject: 'auditor-1', role: 'auditor', regions: [] }),
  );
  expect(read.data.transfer).toEqual({
    state: 'RECEIVED',
    events: [
      { kind: 'CREATED', actor: 'user:planner-1', note: null, received: null, shortfall: null, reference: null },
      { kind: 'RECEIVED', actor: 'user:receiver-3', note: 'two cartons crushed', received: 8, shortfall: 2, reference: winner.transfer.receiptReference },
    ],
  });
  await expect(query(app.orm.em.fork(), `update transfer_event set note = 'rewritten' where transfer_id = ?`, [transferId])).rejects.toThrow(/append-only/);
  await expect(query(app.orm.em.fork(), `delete from transfer_event where transfer_id = ?`, [transferId])).rejects.toThrow(/append-only/);
});

it("takes receipts from a partner WMS scoped to stock in the destination's region, refuses other callers, and pages transfers by region", async () => {
  const transferId = await transferInTransit(4);
  const attempt = async (principal: Parameters<typeof scope.token>[0]) =>
    postGraphQL(app.url, RECEIVE, { input: { transferId, reference: `WMS-${principal.subject}` } }, await token(principal));
  for (const principal of [
    { subject: 'wms-steps', role: 'service', regions: ['cn'], purpose: 'fulfilment.warehouse-steps' },
    { subject: 'hub-service', role: 'service', regions: [] },
    { subject: 'wms-de', role: 'service', regions: ['de'], purpose: 'fulfilment.stock' },
    { subject: 'receiver-de', role: 'warehouse', regions: ['de'] },
    { subject: 'auditor-2', role: 'auditor', regions: [] },
    { subject: 'carrier-1', role: 'carrier', regions: ['cn'] },
  ] as const) {
    const result = await attempt({ ...principal, regions: [...principal.regions] });
    expect([principal.subject, result.errors?.[0]?.extensions?.code]).toEqual([principal.subject, 'FORBIDDEN']);
  }
  expect(await stockOf('cn-hgh-fw')).toMatchObject({ inbound: 4 });
  const accepted = await attempt({ subject: 'wms-acme', role: 'service', regions: ['cn'], purpose: 'fulfilment.stock' });
  expect(accepted.data.transferReceive).toMatchObject({ changed: true, transfer: { state: 'RECEIVED', receivedQuantity: 4 }, userErrors: [] });
  expect(await stockOf('cn-hgh-fw')).toMatchObject({ inbound: 0 });

  const LIST = `query($after: String) { transfers(first: 1, after: $after, toNodeId: "cn-hgh-fw") { nodes { id } pageInfo { hasNextPage endCursor } } }`;
  const cn = await token({ subject: 'op-cn', role: 'operator', regions: ['cn'] });
  const first = (await postGraphQL(app.url, LIST, {}, cn)).data.transfers;
  const second = (await postGraphQL(app.url, LIST, { after: first.pageInfo.endCursor }, cn)).data.transfers;
  expect(first).toEqual({ nodes: [{ id: transferId }], pageInfo: { hasNextPage: true, endCursor: expect.any(String) } });
  expect(second.nodes).toHaveLength(1);
  expect(second.nodes[0].id).not.toBe(transferId);
  const de = (await postGraphQL(app.url, LIST, {}, await token({ subject: 'op-de', role: 'operator', regions: ['de'] }))).data.transfers;
  expect(de.nodes).toEqual([]);
});

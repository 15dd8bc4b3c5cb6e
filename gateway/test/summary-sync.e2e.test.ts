import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { EMPTY_ORDER_SET_DIGEST, xorOrderIds } from '@hub/shared/messaging/order-set-digest';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { connectTestNats, eventually, createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/** Regions report per-period summaries to the centre through JetStream; core keeps the newest and reconciles. */
const scope = createTestScope('summaries');
const subjects = subjectsFor(scope.env.NATS_NAMESPACE);
let hub: HubProcesses;
let nc: NatsConnection;
let auditor: string;
let customer: string;

beforeAll(async () => {
  await publishTestCatalogue(scope.env, [
    { region: 'cn', currencies: ['CNY'], items: [{ sku: 'BOOK-1', unitPrice: 4000, category: 'BOOKS', euTaxClass: 'REDUCED' }] },
  ]);
  hub = await startHubProcesses(scope.env, { SUMMARY_INTERVAL_MS: '200' });
  nc = await connectTestNats(scope.env);
  auditor = await scope.token({ subject: 'auditor', role: 'auditor', regions: [] });
  customer = await scope.token({ subject: 'cust-summary', role: 'customer', regions: ['cn'] });
}, 180_000);

afterAll(async () => {
  await nc?.close();
  await hub?.close();
  await scope.dispose();
});

const input = () => cnOrderInput([{ sku: 'BOOK-1', quantity: 2 }]);
const cnSummary = async () =>
  (await postGraphQL(hub.gatewayUrl, `{ regionSummaries(region: "cn", first: 1) { revision ordersPlaced gmv metrics } }`, {}, auditor)).data
    ?.regionSummaries[0];
const cnFindings = async () =>
  (await postGraphQL(hub.gatewayUrl, `{ reconciliationFindings(region: "cn") { kind orderId } }`, {}, auditor)).data?.reconciliationFindings;

it("aggregates a region's summary and finds nothing to reconcile when both sides agree", async () => {
  for (let i = 0; i < 3; i += 1) expect((await postGraphQL(hub.gatewayUrl, PLACE_CN_ORDER, { input: input() }, customer)).errors).toBeUndefined();
  const summary = await eventually(cnSummary, (s) => s?.ordersPlaced === 3 && s.metrics.pendingRegistrations === 0);
  // Three orders of two books at 40.00 net, with China's 9 % VAT on books: 3 × 87.20.
  expect(summary).toMatchObject({ ordersPlaced: 3, gmv: { CNY: 26160 }, metrics: { pendingRegistrations: 0 } });
  expect(await cnFindings()).toEqual([]);
});

it('counts an order placed while core is down as pending, and reconciles it once core has registered it', async () => {
  await hub.stop('core-orders');
  const direct = await postGraphQL(
    hub.url('region-cn'),
    `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id cn { registration } } }`,
    { input: input() },
    customer,
  );
  expect(direct.data.placeCnOrder.cn.registration).toBe('PENDING');
  await hub.start('core-orders'); // the summaries published meanwhile wait in JetStream for core's consumer

  expect(await eventually(cnSummary, (s) => s?.ordersPlaced === 4 && s.metrics.pendingRegistrations === 0, { attempts: 200 })).toMatchObject({
    ordersPlaced: 4,
    metrics: { pendingRegistrations: 0 },
  });
  expect(await eventually(cnFindings, (findings) => findings?.length === 0)).toEqual([]);
});

it('counts a re-sent or out-of-order summary once and keeps the newest revision', async () => {
  const newest = await cnSummary();
  const js = jetstream(nc);
  const stale = {
    region: 'cn',
    periodStart: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000).toISOString(),
    periodEnd: new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 + 3_600_000).toISOString(),
    revision: 1,
    computedAt: new Date().toISOString(),
    ordersPlaced: 99,
    orderDigest: EMPTY_ORDER_SET_DIGEST,
    unconfirmedOrderIds: [],
    gmv: { CNY: 1 },
    metrics: {},
  };
  await js.publish(subjects.summary('cn'), JSON.stringify(stale), { msgID: `resend-${randomUUID()}` });
  await js.publish(subjects.summary('cn'), JSON.stringify({ ...stale, revision: newest.revision }), { msgID: `resend-${randomUUID()}` });
  // A marker summary for another period shows core has consumed everything published before it.
  const markerStart = new Date(Date.parse(stale.periodStart) - 7 * 3_600_000);
  await js.publish(
    subjects.summary('cn'),
    JSON.stringify({ ...stale, periodStart: markerStart.toISOString(), periodEnd: stale.periodStart, revision: 1, ordersPlaced: 0, gmv: {} }),
    { msgID: `marker-${randomUUID()}` },
  );
  await eventually(
    async () => (await postGraphQL(hub.gatewayUrl, `{ regionSummaries(region: "cn", first: 50) { periodStart } }`, {}, auditor)).data.regionSummaries,
    (rows) => rows.some((row: { periodStart: string }) => row.periodStart === markerStart.toISOString()),
  );
  expect(await cnSummary()).toEqual(newest);
});

it('names an order core never registered, and says by how many the rest differ when the digests disagree', async () => {
  // A period far behind the region's own lookback, where core holds no order: the region claims two.
  const periodStart = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 40 * 3_600_000);
  const [named, unnamed] = [randomUUID(), randomUUID()];
  await jetstream(nc).publish(
    subjects.summary('cn'),
    JSON.stringify({
      region: 'cn',
      periodStart: periodStart.toISOString(),
      periodEnd: new Date(periodStart.getTime() + 3_600_000).toISOString(),
      revision: 1,
      computedAt: new Date().toISOString(),
      ordersPlaced: 2,
      orderDigest: xorOrderIds(EMPTY_ORDER_SET_DIGEST, [named, unnamed]),
      unconfirmedOrderIds: [named],
      gmv: { CNY: 500 },
      metrics: {},
    }),
    { msgID: `claim-${randomUUID()}` },
  );
  const findingsOfPeriod = async () =>
    (
      await postGraphQL(hub.gatewayUrl, `{ reconciliationFindings(region: "cn") { periodStart findingKind orderId regionValue coreValue } }`, {}, auditor)
    ).data?.reconciliationFindings.filter((finding: { periodStart: string }) => finding.periodStart === periodStart.toISOString());
  expect(await eventually(findingsOfPeriod, (findings) => findings?.length === 2)).toEqual([
    { periodStart: periodStart.toISOString(), findingKind: 'NOT_REGISTERED_IN_CORE', orderId: named, regionValue: null, coreValue: null },
    { periodStart: periodStart.toISOString(), findingKind: 'ORDER_SET_MISMATCH', orderId: null, regionValue: 1, coreValue: 0 },
  ]);
});

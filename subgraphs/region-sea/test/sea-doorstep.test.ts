import { randomUUID } from 'node:crypto';
import { postGraphQL } from '@hub/shared/testing/harness';
import { moveOrder, quickOrder, quickOrderInput, startSeaTestHub, type SeaTestHub } from './sea-test-hub.js';

/** Cash on delivery at the door: collection, refusal, and the operators' reconciliation of cash against deliveries. */
let hub: SeaTestHub;
beforeAll(async () => {
  hub = await startSeaTestHub('sea-door');
});
afterAll(async () => {
  await hub?.close();
});

const COLLECT = `mutation($input: SeaCodCollectionInput!) { recordSeaCodCollection(input: $input) { orderId courierId amount currency collectedAt } }`;
const REFUSE = `mutation($input: SeaDeliveryRefusalInput!) { refuseSeaDelivery(input: $input) { orderId courierId reason coreRejection stockReleases { lineNo sku quantity } } }`;
const RECONCILE = `query($from: String!, $to: String!) { seaCodReconciliation(from: $from, to: $to) {
  courierId day currency deliveredOrders expected collectedOrders collected difference discrepancies { orderId kind expected collected } } }`;
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());

const carrier = (subject: string) => hub.token({ subject, role: 'carrier' });
async function codOrderOutForDelivery(rider: string, change: Record<string, unknown> = {}) {
  const order = await quickOrder(hub, await hub.token({ subject: `cust-${randomUUID()}`, role: 'customer' }), quickOrderInput(change));
  await moveOrder(hub, order.id, await carrier(rider), 'OUT_FOR_DELIVERY');
  return order;
}

describe('recordSeaCodCollection', () => {
  it('records the cash once, for the total due, by the courier at the door; a retry gets the first record', async () => {
    const order = await codOrderOutForDelivery('rider-a');
    const rider = await carrier('rider-a');
    const short = await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total - 1000 } }, rider);
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'amount', rule: 'COD_AMOUNT_MISMATCH', amountDue: 999_000 });

    const collect = () => postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, rider);
    const [first, retry] = await Promise.all([collect(), collect()]);
    expect(first.errors).toBeUndefined();
    expect(first.data.recordSeaCodCollection).toEqual({
      orderId: order.id,
      courierId: 'rider-a',
      amount: 999_000,
      currency: 'IDR',
      collectedAt: expect.any(String),
    });
    expect(retry.data.recordSeaCodCollection).toEqual(first.data.recordSeaCodCollection);

    const other = await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, await carrier('rider-b'));
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'orderId', rule: 'COD_ALREADY_COLLECTED' });
    const [{ n }] = await hub.region.orm.em
      .fork()
      .getConnection()
      .execute<[{ n: number }]>(`select count(*)::int as n from region_sea.sea_cod_collection where order_id = ?`, [order.id]);
    expect(n).toBe(1);
  });

  it.each([
    ['a prepaid order', 'BAD_USER_INPUT', 'NOT_CASH_ON_DELIVERY', { payment: 'E_WALLET' }, true],
    ['an order not yet out for delivery', 'CONFLICT', 'NOT_OUT_FOR_DELIVERY', {}, false],
  ])('refuses cash for %s (%s %s)', async (_label, code, rule, change, dispatch) => {
    const order = dispatch
      ? await codOrderOutForDelivery('rider-c', change)
      : await quickOrder(hub, await hub.token({ subject: `cust-${randomUUID()}`, role: 'customer' }), quickOrderInput(change));
    const result = await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, await carrier('rider-c'));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, rule });
  });

  it('is for carriers of the SEA region only', async () => {
    const order = await codOrderOutForDelivery('rider-d');
    const [customer, cnCarrier] = await Promise.all([
      hub.token({ subject: 'cust-x', role: 'customer' }),
      hub.token({ subject: 'rider-cn', role: 'carrier', regions: ['cn'] }),
    ]);
    for (const token of [customer, cnCarrier]) {
      const result = await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, token);
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('refuseSeaDelivery', () => {
  it("records the refusal once, releases each line's stock, moves the master order to DELIVERY_REFUSED once (never PAID) and blocks a later collection", async () => {
    const order = await codOrderOutForDelivery('rider-r', {
      lines: [
        { sku: 'KOPI-2', quantity: 2 },
        { sku: 'TEH-1', quantity: 3 },
      ],
    });
    const rider = await carrier('rider-r');
    const input = { orderId: order.id, reason: 'CANNOT_PAY' };
    const refuse = () => postGraphQL(hub.region.url, REFUSE, { input }, rider);
    const [refused, ...retries] = await Promise.all([refuse(), refuse(), refuse()]);
    expect(refused.errors).toBeUndefined();
    expect(refused.data.refuseSeaDelivery).toEqual({
      orderId: order.id,
      courierId: 'rider-r',
      reason: 'CANNOT_PAY',
      coreRejection: null,
      stockReleases: [
        { lineNo: 1, sku: 'KOPI-2', quantity: 2 },
        { lineNo: 2, sku: 'TEH-1', quantity: 3 },
      ],
    });
    for (const retry of retries) expect(retry).toEqual(refused);
    await hub.region.commands.whenIdle();
    const [{ n }] = await hub.region.orm.em
      .fork()
      .getConnection()
      .execute<[{ n: number }]>(`select count(*)::int as n from region_sea.sea_stock_release where order_id = ?`, [order.id]);
    expect(n).toBe(2);
    const [master] = await hub.core.orm.em.fork().getConnection().execute<any[]>(`select status from core_orders."order" where id = ?`, [order.id]);
    expect(master.status).toBe('DELIVERY_REFUSED');
    const steps = await hub.core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select actor_type, actor_id from core_orders.order_status_change where order_id = ? and to_status = 'DELIVERY_REFUSED'`, [order.id]);
    expect(steps).toEqual([{ actor_type: 'carrier', actor_id: 'rider-r' }]);
    const timeline = await hub.core.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select to_status from core_orders.order_status_change where order_id = ? order by sequence`, [order.id]);
    expect(timeline.map((step) => step.to_status)).toEqual(['CREATED', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'DELIVERY_REFUSED']);

    const collect = await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, rider);
    expect(collect.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', rule: 'DELIVERY_REFUSED' });
    const read = await postGraphQL(
      hub.region.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea { deliveryRefusal { reason } payment { collection { amount } } } } } }`,
      { r: [{ __typename: 'Order', id: order.id }] },
      await hub.token({ subject: 'op-sea', role: 'operator' }),
    );
    expect(read.data._entities[0].sea).toEqual({ deliveryRefusal: { reason: 'CANNOT_PAY' }, payment: { collection: null } });
  });

  it('cannot refuse a parcel that was delivered, or whose cash was taken', async () => {
    const rider = await carrier('rider-s');
    const signed = await codOrderOutForDelivery('rider-s');
    await moveOrder(hub, signed.id, rider, 'SIGNED');
    const paid = await codOrderOutForDelivery('rider-s');
    await postGraphQL(hub.region.url, COLLECT, { input: { orderId: paid.id, amount: paid.total } }, rider);
    const results = await Promise.all(
      [signed, paid].map((order) => postGraphQL(hub.region.url, REFUSE, { input: { orderId: order.id, reason: 'CHANGED_MIND' } }, rider)),
    );
    expect(results.map((result) => result.errors?.[0]?.extensions?.rule)).toEqual(['NOT_OUT_FOR_DELIVERY', 'COD_ALREADY_COLLECTED']);
  });
});

describe('a refusal core does not accept', () => {
  it("keeps the refusal with core's reason and withdraws its stock releases", async () => {
    const order = await codOrderOutForDelivery('rider-late');
    const rider = await carrier('rider-late');
    // The courier app reported the parcel delivered to core, and region-sea has not heard of it yet.
    await hub.region.consumer.stop();
    const [master] = await hub.core.orm.em.fork().getConnection().execute<any[]>(`select version from core_orders."order" where id = ?`, [order.id]);
    const signed = await postGraphQL(
      hub.core.url,
      `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status version } }`,
      { input: { orderId: order.id, status: 'SIGNED', expectedVersion: master.version } },
      rider,
    );
    expect(signed.errors).toBeUndefined();

    const refused = await postGraphQL(hub.region.url, REFUSE, { input: { orderId: order.id, reason: 'CHANGED_MIND' } }, rider);
    expect(refused.data.refuseSeaDelivery).toMatchObject({ coreRejection: null, stockReleases: [{ lineNo: 1 }] });
    await hub.region.commands.whenIdle();
    await hub.region.consumer.start();
    // The delivery lands too, before the next test reads the day's reconciliation (it counts this courier's orders).
    await hub.eventApplied(order.id, signed.data.changeOrderStatus.version);

    const read = await postGraphQL(
      hub.region.url,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { sea { deliveryRefusal { reason coreRejection stockReleases { lineNo } } } } } }`,
      { r: [{ __typename: 'Order', id: order.id }] },
      await hub.token({ subject: 'op-sea', role: 'operator' }),
    );
    expect(read.data._entities[0].sea.deliveryRefusal).toEqual({
      reason: 'CHANGED_MIND',
      coreRejection: expect.stringMatching(/^INVALID_STATUS_TRANSITION/),
      stockReleases: [],
    });
    const [after] = await hub.core.orm.em.fork().getConnection().execute<any[]>(`select status from core_orders."order" where id = ?`, [order.id]);
    expect(after.status).toBe('SIGNED');
  });
});

describe('seaCodReconciliation', () => {
  it('pages the reconciliation within 1..100 rows', async () => {
    const operator = await hub.token({ subject: 'op-sea', role: 'operator' });
    const PAGE = `query($from: String!, $to: String!, $first: Int, $after: String) { seaCodReconciliationConnection(from: $from, to: $to, first: $first, after: $after) {
      edges { cursor node { id courierId day currency } } nodes { id } pageInfo { hasNextPage endCursor } } }`;
    const all = await postGraphQL(hub.region.url, PAGE, { from: today(), to: today(), first: 100 }, operator);
    expect(all.errors).toBeUndefined();
    const ids = all.data.seaCodReconciliationConnection.nodes.map((node: { id: string }) => node.id);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await postGraphQL(hub.region.url, PAGE, { from: today(), to: today(), first: 1, after }, operator)).data
        .seaCodReconciliationConnection;
      paged.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(ids);
    for (const first of [0, 101]) {
      const refused = await postGraphQL(hub.region.url, PAGE, { from: today(), to: today(), first }, operator);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
  });

  it("sets each courier's collected cash against the orders they delivered today, listing what is missing", async () => {
    const rider = await carrier('rider-z');
    const delivered = await Promise.all([1, 2, 3].map(() => codOrderOutForDelivery('rider-z')));
    for (const order of delivered.slice(0, 2)) {
      await postGraphQL(hub.region.url, COLLECT, { input: { orderId: order.id, amount: order.total } }, rider);
    }
    await Promise.all(delivered.map((order) => moveOrder(hub, order.id, rider, 'SIGNED')));
    const collectedNotDelivered = await codOrderOutForDelivery('rider-z');
    await postGraphQL(hub.region.url, COLLECT, { input: { orderId: collectedNotDelivered.id, amount: collectedNotDelivered.total } }, rider);

    const operator = await hub.token({ subject: 'op-sea', role: 'operator' });
    const result = await postGraphQL(hub.region.url, RECONCILE, { from: today(), to: today() }, operator);
    expect(result.errors).toBeUndefined();
    const row = result.data.seaCodReconciliation.find((r: { courierId: string }) => r.courierId === 'rider-z');
    expect(row).toEqual({
      courierId: 'rider-z',
      day: today(),
      currency: 'IDR',
      deliveredOrders: 3,
      expected: 2_997_000,
      collectedOrders: 3,
      collected: 2_997_000,
      difference: 0,
      discrepancies: expect.arrayContaining([
        { orderId: delivered[2]!.id, kind: 'NOT_COLLECTED', expected: 999_000, collected: 0 },
        { orderId: collectedNotDelivered.id, kind: 'NOT_DELIVERED', expected: 999_000, collected: 999_000 },
      ]),
    });
    expect(row.discrepancies).toHaveLength(2);
  });

  it('is for operators of the region, admins and auditors, over at most a month', async () => {
    const [deOperator, auditor] = await Promise.all([
      hub.token({ subject: 'op-de', role: 'operator', regions: ['de'] }),
      hub.token({ subject: 'aud', role: 'auditor', regions: [] }),
    ]);
    expect((await postGraphQL(hub.region.url, RECONCILE, { from: today(), to: today() }, deOperator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await postGraphQL(hub.region.url, RECONCILE, { from: today(), to: today() }, auditor)).errors).toBeUndefined();
    const tooLong = await postGraphQL(hub.region.url, RECONCILE, { from: '2026-01-01', to: '2026-03-01' }, auditor);
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
  });
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { stepRequestId } from '../src/returns/core-step.js';
import { startCnReturnsHub, type CnReturnsHub } from './support/cn-returns-hub.js';
import { INSPECT, OPEN_SLOTS, REQUEST, SCAN, SCHEDULE, SETTLE } from './support/cn-returns.operations.js';

/** What must hold when requests race: units never over-claimed, slots never overbooked, a refund issued once. */
let hub: CnReturnsHub;
const CUPS = { sku: 'CUP-1', name: '茶杯', quantity: 3, unitPrice: 3000, unitTax: 390 };

beforeAll(async () => {
  hub = await startCnReturnsHub('cn_race');
});
afterAll(async () => {
  await hub?.close();
});

const sql = <T = any>(query: string, params: unknown[] = []) => hub.region.orm.em.fork().getConnection().execute<T[]>(query, params);
const request = async (customer: string, orderId: string, quantity = 1, idempotencyKey = randomUUID()) =>
  hub.gql(REQUEST, { input: { orderId, idempotencyKey, lines: [{ lineNo: 1, quantity }] } }, await hub.customer(customer));

it('lets one of many simultaneous requests claim the units, and answers a repeated key with the same return', async () => {
  const orderId = await hub.place('cust-race', { lines: [CUPS] });
  await hub.deliver(orderId);
  const shared = randomUUID();
  const keys = [shared, shared, shared, randomUUID(), randomUUID(), randomUUID()];
  const results = (await Promise.all(keys.map((key) => request('cust-race', orderId, 1, key)))).map((r) => r.data.requestCnReturn);
  const created = results.filter((r) => r.__typename === 'CnReturn');
  expect(new Set(created.map((r) => r.id)).size).toBe(1);
  expect(results.filter((r) => r.__typename === 'CnReturnRefused').every((r) => r.reason === 'RETURN_IN_PROGRESS')).toBe(true);
  const winner = keys[results.indexOf(created[0])]!;
  const repeated = await Promise.all([1, 2].map(() => request('cust-race', orderId, 1, winner)));
  expect(repeated.map((r) => r.data.requestCnReturn.id)).toEqual([created[0].id, created[0].id]);
  expect((await request('cust-race', orderId, 2, winner)).errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });

  const [line] = await sql(`select claimed_quantity from region_cn.cn_order_line where order_id = ?`, [orderId]);
  const [{ returns }] = await sql(`select count(*)::int as returns from region_cn.cn_return where order_id = ?`, [orderId]);
  const [{ steps }] = await hub.core.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as steps from core_orders.order_status_change where order_id = ? and to_status = 'RETURN_REQUESTED'`, [orderId]);
  expect({ claimed: line.claimed_quantity, returns, steps }).toEqual({ claimed: 1, returns: 1, steps: 1 });
});

it('cannot claim more units than were bought, even past the application, under concurrent writers', async () => {
  const orderId = await hub.place('cust-constraint', { lines: [CUPS] });
  const attempts = await Promise.allSettled(Array.from({ length: 8 }, async () => {
    const client = new pg.Client({ connectionString: hub.scope.env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(`update region_cn.cn_order_line set claimed_quantity = claimed_quantity + 1 where order_id = $1 and line_no = 1`, [orderId]);
    } finally {
      await client.end();
    }
  }));
  expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
  expect(attempts.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason))).toEqual(Array(5).fill(expect.stringContaining('cn_order_line_claimed_quantity_check')));
  const [line] = await sql(`select claimed_quantity, quantity from region_cn.cn_order_line where order_id = ?`, [orderId]);
  expect(line).toEqual({ claimed_quantity: 3, quantity: 3 });
});

it('never overbooks a pickup slot, and refunds a return exactly once however often it is settled', async () => {
  const orders = await Promise.all(Array.from({ length: 3 }, async (_v, i) => {
    const orderId = await hub.place(`cust-slot-${i}`, { lines: [CUPS] });
    await hub.deliver(orderId);
    return { customer: `cust-slot-${i}`, returnId: (await request(`cust-slot-${i}`, orderId, 3)).data.requestCnReturn.id as string, orderId };
  }));
  const operator = await hub.staff('operator');
  const opened = await hub.gql(OPEN_SLOTS, { input: { province: '浙江省', city: '杭州市', district: '西湖区', slots: [{
    startsAt: new Date(Date.now() + 50 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 52 * 3600_000).toISOString(), capacity: 1, fee: 0,
  }] } }, operator);
  const slotId = opened.data.openCnPickupSlots[0].id;
  const bookings = await Promise.all(orders.map(async ({ customer, returnId }) => hub.gql(SCHEDULE, { input: { returnId, slotId } }, await hub.customer(customer))));
  const booked = bookings.filter((b) => b.data.scheduleCnReturnPickup.__typename === 'CnReturn');
  expect(booked).toHaveLength(1);
  expect(bookings.filter((b) => b.data.scheduleCnReturnPickup.reason === 'FULL')).toHaveLength(2);
  const [slot] = await sql(`select booked, capacity from region_cn.cn_pickup_slot where id = ?`, [slotId]);
  expect(slot).toEqual({ booked: 1, capacity: 1 });

  const ret = booked[0]!.data.scheduleCnReturnPickup;
  await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier'));
  const inspected = (await hub.gql(INSPECT, { input: { returnId: ret.id, lines: [{ lineNo: 1, complete: true }] } }, await hub.staff('warehouse'))).data.inspectCnReturn;
  const settled = await Promise.all(Array.from({ length: 5 }, () => hub.gql(SETTLE, { input: { returnId: ret.id } }, operator)));
  expect(settled.map((s) => s.data.settleCnReturn.refund.amount)).toEqual(Array(5).fill(10170));
  // A redelivered request to core for the same step is answered without a second step.
  await hub.coreClient.transitionOrder({ orderId: ret.orderId, to: 'REFUNDED', requestId: stepRequestId(ret.id, inspected.version, 'refund'), actor: { type: 'user', id: 'operator-1' } });
  const [{ refunds }] = await sql(`select count(*)::int as refunds from region_cn.cn_refund where return_id = ?`, [ret.id]);
  const [{ steps }] = await hub.core.orm.em.fork().getConnection().execute<any[]>(`select count(*)::int as steps from core_orders.order_status_change where order_id = ? and to_status = 'REFUNDED'`, [ret.orderId]);
  expect({ refunds, steps }).toEqual({ refunds: 1, steps: 1 });
  await expect(sql(`insert into region_cn.cn_refund select gen_random_uuid(), return_id, order_id, currency, goods_amount, gift_deduction, pickup_fee_deduction, amount, lines, destination, destination_detail, due_before, issued_at, issued_by from region_cn.cn_refund where return_id = ?`, [ret.id]))
    .rejects.toThrow(/cn_refund_return_id_unique/);
  const stale = await hub.gql(SETTLE, { input: { returnId: ret.id, expectedVersion: inspected.version } }, operator);
  expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
});

it('has migrations that create exactly the tables its entities describe', async () => {
  const diff = await hub.region.orm.schema.getUpdateSchemaSQL({ wrap: false, schema: 'region_cn' });
  expect(diff.split('\n').filter((line) => line.trim())).toEqual([]);
});

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { stepCommandId } from '../src/returns/core-step.js';
import { returnWindow } from '../src/rules/return-window.rules.js';
import { ADDRESS, startCnReturnsHub, type CnReturnsHub } from './support/cn-returns-hub.js';
import {
  CANCEL_PICKUP,
  INSPECT,
  OPEN_SLOTS,
  ORDER_RETURNS,
  OVERDUE,
  OVERDUE_PAGE,
  PAYLOAD,
  REQUEST,
  RESCHEDULE,
  SCAN,
  SCHEDULE,
  SETTLE,
  SLOTS_PAGE,
  WITHDRAW,
} from './support/cn-returns.operations.js';

/**
 * 7-day no-reason returns through real region-cn and core: intake, eligibility, door pickup, inspection, refund,
 * timeline, and what must hold when requests race. One file, so the services start once.
 */
let hub: CnReturnsHub;
const DAY = 24 * 60 * 60 * 1000;
const AREA = { province: '浙江省', city: '杭州市', district: '西湖区' };

beforeAll(async () => {
  hub = await startCnReturnsHub('cn_returns');
});
afterAll(async () => {
  await hub?.close();
});
afterEach(() => hub.resetClock());

const sql = <T = any>(query: string, params: unknown[] = []) => hub.region.orm.em.fork().getConnection().execute<T[]>(query, params);
const coreSql = <T = any>(query: string, params: unknown[] = []) => hub.core.orm.em.fork().getConnection().execute<T[]>(query, params);
const request = async (customer: string, orderId: string, quantity = 1, idempotencyKey = randomUUID()) =>
  hub.gql(REQUEST, { input: { orderId, idempotencyKey, lines: [{ lineNo: 1, quantity }] } }, await hub.customer(customer));

// The region prices each line from its catalogue (support/cn-returns-hub.ts): 13 % VAT, 9 % on the fresh cake.
const TEA = { sku: 'TEA-1', quantity: 2 };
const CUPS = { sku: 'CUP-1', quantity: 3 };
const CAKE = { sku: 'CAKE-1', quantity: 1 };
const CREAM = { sku: 'CREAM-1', quantity: 1 };
const EARBUDS = { sku: 'EAR-1', quantity: 1 };

async function openSlots(slots: Array<{ inHours: number; capacity: number; fee: number }>, area = AREA) {
  const operator = await hub.staff('operator');
  const result = await hub.gql(
    OPEN_SLOTS,
    {
      input: {
        ...area,
        slots: slots.map(({ inHours, capacity, fee }) => ({
          startsAt: new Date(Date.now() + inHours * 3600_000).toISOString(),
          endsAt: new Date(Date.now() + (inHours + 2) * 3600_000).toISOString(),
          capacity,
          fee,
        })),
      },
    },
    operator,
  );
  expect(result.errors).toBeUndefined();
  return result.data.openCnPickupSlots.map((slot: { id: string }) => slot.id) as string[];
}

async function eligibility(orderId: string, bearer: string) {
  const result = await hub.gql(ORDER_RETURNS, { r: [{ __typename: 'Order', id: orderId }] }, bearer);
  expect(result.errors).toBeUndefined();
  return result.data._entities[0].cn;
}

async function timeline(orderId: string) {
  await hub.commandsSettled();
  const admin = await hub.staff('admin');
  const result = await hub.coreGql(
    `query($id: ID!) { order(id: $id) { status timeline { to note at occurredAt actor { type id: subject } } } }`,
    { id: orderId },
    admin,
  );
  return result.data.order as {
    status: string;
    timeline: Array<{ to: string; note: string | null; at: string; occurredAt: string; actor: { type: string; id: string } }>;
  };
}

it("takes a partial return from request to refund, with each step and its actor in core's timeline", async () => {
  const orderId = await hub.place('cust-e2e', {
    lines: [TEA, CUPS, CAKE, CREAM],
    discountTotal: 1001,
    returnPolicies: [
      { lineNo: 3, exclusion: 'FRESH_PERISHABLE' },
      { lineNo: 4, exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: true },
    ],
    gifts: [
      { kind: 'ITEM', description: '紫砂杯', declaredValue: 1500, lineNos: [1] },
      { kind: 'POINTS', description: '200 积分' },
    ],
  });
  const customer = await hub.customer('cust-e2e');
  expect((await eligibility(orderId, customer)).returnEligibility.map((l: any) => l.reason)).toEqual([
    'WINDOW_NOT_STARTED',
    'WINDOW_NOT_STARTED',
    'EXCLUDED_FRESH_PERISHABLE',
    'EXCLUDED_UNSEALING_AFFECTS_SAFETY_OR_QUALITY',
  ]);

  await hub.deliver(orderId);
  const before = (await eligibility(orderId, customer)).returnEligibility;
  expect(before.map((l: any) => [l.lineNo, l.eligible, l.reason, l.returnableQuantity])).toEqual([
    [1, true, 'ELIGIBLE', 2],
    [2, true, 'ELIGIBLE', 3],
    [3, false, 'EXCLUDED_FRESH_PERISHABLE', 0],
    [4, false, 'EXCLUDED_UNSEALING_AFFECTS_SAFETY_OR_QUALITY', 0],
  ]);
  expect(new Date(before[0].deadline).getTime() - Date.now()).toBeGreaterThan(7 * DAY);

  const requested = await hub.gql(
    REQUEST,
    {
      input: {
        orderId,
        idempotencyKey: randomUUID(),
        lines: [
          { lineNo: 1, quantity: 2 },
          { lineNo: 2, quantity: 1 },
        ],
      },
    },
    customer,
  );
  const ret = requested.data.requestCnReturn;
  expect(ret).toMatchObject({
    __typename: 'CnReturn',
    state: 'REQUESTED',
    refundDestination: 'ORIGINAL_PAYMENT',
    giftsToReturn: [{ giftNo: 1, kind: 'ITEM', declaredValue: 1500 }],
  });

  const [free, charged] = await openSlots([
    { inHours: 20, capacity: 2, fee: 0 },
    { inHours: 26, capacity: 2, fee: 800 },
  ]);
  const slots = await hub.gql(`query($id: ID!) { cnPickupSlots(returnId: $id) { id fee remaining } }`, { id: ret.id }, customer);
  expect(slots.data.cnPickupSlots).toEqual(
    expect.arrayContaining([
      { id: free, fee: 0, remaining: 2 },
      { id: charged, fee: 800, remaining: 2 },
    ]),
  );
  const scheduled = (await hub.gql(SCHEDULE, { input: { returnId: ret.id, slotId: free, expectedVersion: ret.version } }, customer)).data
    .scheduleCnReturnPickup;
  expect(scheduled).toMatchObject({
    state: 'PICKUP_SCHEDULED',
    pickup: { state: 'SCHEDULED', fee: 0, feeConsentedAt: null, slot: { id: free, remaining: 1 } },
  });
  const moved = (
    await hub.gql(RESCHEDULE, { input: { returnId: ret.id, slotId: charged, acceptedPickupFee: 800, expectedVersion: scheduled.version } }, customer)
  ).data.rescheduleCnReturnPickup;
  expect(moved).toMatchObject({ state: 'PICKUP_SCHEDULED', pickup: { fee: 800, slot: { id: charged, remaining: 1 } } });
  expect(moved.pickup.feeConsentedAt).not.toBeNull();
  expect((await hub.gql(`query($id: ID!) { cnPickupSlots(returnId: $id) { id remaining } }`, { id: ret.id }, customer)).data.cnPickupSlots).toEqual(
    expect.arrayContaining([{ id: free, remaining: 2 }]),
  );

  const carrier = await hub.staff('carrier', 'courier-7');
  expect((await hub.gql(SCAN, { input: { returnId: ret.id } }, carrier)).data.scanCnReturnPickup).toMatchObject({
    state: 'PICKED_UP',
    pickup: { state: 'PICKED_UP' },
  });
  expect((await hub.gql(SCAN, { input: { returnId: ret.id } }, carrier)).data.scanCnReturnPickup.state).toBe('PICKED_UP'); // a second scan changes nothing

  const warehouse = await hub.staff('warehouse', 'wh-3');
  const inspected = (
    await hub.gql(
      INSPECT,
      {
        input: {
          returnId: ret.id,
          lines: [
            { lineNo: 1, complete: true, packagingOpened: true },
            { lineNo: 2, complete: true },
          ],
          giftsReturned: [],
        },
      },
      warehouse,
    )
  ).data.inspectCnReturn;
  expect(inspected).toMatchObject({
    state: 'RECEIVED',
    lines: [
      { lineNo: 1, complete: true, packagingOpened: true },
      { lineNo: 2, complete: true },
    ],
  });
  expect(new Date(inspected.refundDueBefore).getTime()).toBeGreaterThan(Date.now() + 7 * DAY);

  const operator = await hub.staff('operator', 'op-9');
  const [first, second] = await Promise.all([1, 2].map(() => hub.gql(SETTLE, { input: { returnId: ret.id } }, operator)));
  // Paid: tea 11 054 (both), cups 9 949 → first cup 3 316; less the kept tea cup (15.00) and the agreed pickup fee (8.00).
  const expectedRefund = {
    goodsAmount: 14371,
    giftDeduction: 1500,
    pickupFeeDeduction: 800,
    amount: 12071,
    late: false,
    destination: 'ORIGINAL_PAYMENT',
    lines: [
      { lineNo: 1, quantity: 2, amount: 11055 },
      { lineNo: 2, quantity: 1, amount: 3316 },
    ],
  };
  expect(first!.data.settleCnReturn).toMatchObject({ state: 'REFUNDED', refund: expectedRefund });
  expect(second!.data.settleCnReturn).toMatchObject({ state: 'REFUNDED', refund: expectedRefund });

  const steps = (await timeline(orderId)).timeline.slice(-5);
  expect(steps.map(({ to, actor }) => [to, actor])).toEqual([
    ['RETURN_REQUESTED', { type: 'user', id: 'cust-e2e' }],
    ['RETURN_PICKUP_SCHEDULED', { type: 'user', id: 'cust-e2e' }],
    ['RETURN_PICKED_UP', { type: 'carrier', id: 'courier-7' }],
    ['RETURN_RECEIVED', { type: 'user', id: 'wh-3' }],
    ['REFUNDED', { type: 'user', id: 'op-9' }],
  ]);
  expect(steps[4]!.note).toContain('refund 12071 fen');

  const after = await eligibility(orderId, customer);
  expect(after.returnEligibility.slice(0, 2).map((l: any) => [l.reason, l.returnableQuantity])).toEqual([
    ['ALREADY_RETURNED', 0],
    ['ELIGIBLE', 2],
  ]);

  // The rest of the cups in a second return: the two refunds of the line add up to exactly what was paid for it.
  const again = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 2, quantity: 2 }] } }, customer)).data
    .requestCnReturn;
  await hub.gql(SCHEDULE, { input: { returnId: again.id, slotId: free } }, customer);
  await hub.gql(SCAN, { input: { returnId: again.id } }, carrier);
  await hub.gql(INSPECT, { input: { returnId: again.id, lines: [{ lineNo: 2, complete: true }] } }, warehouse);
  const settled = (await hub.gql(SETTLE, { input: { returnId: again.id } }, operator)).data.settleCnReturn;
  expect(settled.refund).toMatchObject({ amount: 6634, giftDeduction: 0, pickupFeeDeduction: 0 });
  // The cups' share of the 1,001 fen discount, allocated over the lines' gross (VAT as the region priced it).
  expect(3316 + settled.refund.amount).toBe(9950);
  const final = await timeline(orderId);
  expect(final.status).toBe('REFUNDED');
  expect(final.timeline.filter((step) => step.to === 'REFUNDED').map((step) => step.note)).toEqual([
    expect.stringContaining('12071'),
    expect.stringContaining('6634'),
  ]);
  const [{ refunds }] = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<any[]>(`select count(*)::int as refunds from region_cn.cn_refund where order_id = ?`, [orderId]);
  expect(refunds).toBe(2);
});

it('cancels a pickup, withdraws the return, and rejects a return whose goods came back incomplete', async () => {
  const orderId = await hub.place('cust-undo', { lines: [{ ...TEA, quantity: 1 }] });
  await hub.deliver(orderId);
  const customer = await hub.customer('cust-undo');
  const [slot] = await openSlots([{ inHours: 30, capacity: 1, fee: 0 }]);

  const ret = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 1 }] } }, customer)).data
    .requestCnReturn;
  await hub.gql(SCHEDULE, { input: { returnId: ret.id, slotId: slot } }, customer);
  expect((await hub.gql(CANCEL_PICKUP, { input: { returnId: ret.id } }, customer)).data.cancelCnReturnPickup).toMatchObject({
    state: 'REQUESTED',
    pickup: { state: 'CANCELLED', slot: { remaining: 1 } },
  });
  expect((await hub.gql(WITHDRAW, { input: { returnId: ret.id } }, customer)).data.withdrawCnReturn.state).toBe('WITHDRAWN');
  expect((await eligibility(orderId, customer)).returnEligibility[0]).toMatchObject({ eligible: true, returnableQuantity: 1 });
  expect((await timeline(orderId)).status).toBe('SIGNED');

  const retry = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 1 }] } }, customer)).data
    .requestCnReturn;
  await hub.gql(SCHEDULE, { input: { returnId: retry.id, slotId: slot } }, customer);
  await hub.gql(SCAN, { input: { returnId: retry.id } }, await hub.staff('carrier'));
  const warehouse = await hub.staff('warehouse');
  const missingReason = await hub.gql(INSPECT, { input: { returnId: retry.id, lines: [{ lineNo: 1, complete: false }] } }, warehouse);
  expect(missingReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'lines.0.reason' });
  await hub.gql(INSPECT, { input: { returnId: retry.id, lines: [{ lineNo: 1, complete: false, reason: 'SEAL_BROKEN' }] } }, warehouse);
  const rejected = (await hub.gql(SETTLE, { input: { returnId: retry.id } }, await hub.staff('operator'))).data.settleCnReturn;
  expect(rejected).toMatchObject({ state: 'REJECTED', refund: null });
  const { status, timeline: steps } = await timeline(orderId);
  expect(status).toBe('RETURN_REJECTED');
  expect(steps.map((step) => step.to).slice(-9)).toEqual([
    'RETURN_REQUESTED',
    'RETURN_PICKUP_SCHEDULED',
    'RETURN_REQUESTED',
    'SIGNED',
    'RETURN_REQUESTED',
    'RETURN_PICKUP_SCHEDULED',
    'RETURN_PICKED_UP',
    'RETURN_RECEIVED',
    'RETURN_REJECTED',
  ]);
});

it('judges the window by when the request is sent, and flags refunds that are late', async () => {
  const orderId = await hub.place('cust-clock', { lines: [CUPS, TEA] });
  await hub.deliver(orderId);
  const customer = await hub.customer('cust-clock');

  const ret = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 3 }] } }, customer)).data
    .requestCnReturn;
  hub.advance(9 * DAY);
  expect((await eligibility(orderId, customer)).returnEligibility[1]).toMatchObject({ eligible: false, reason: 'WINDOW_EXPIRED', returnableQuantity: 0 });
  const refused = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 2, quantity: 1 }] } }, customer)).data
    .requestCnReturn;
  expect(refused).toMatchObject({ __typename: 'CnReturnRefused', lineNo: 2, reason: 'WINDOW_EXPIRED', returnableQuantity: 0 });

  // Requested in time, so collecting and receiving the goods after the window is fine.
  const [slot] = await openSlots([{ inHours: 9 * 24 + 2, capacity: 1, fee: 0 }]);
  await hub.gql(SCHEDULE, { input: { returnId: ret.id, slotId: slot } }, customer);
  await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier'));
  await hub.gql(INSPECT, { input: { returnId: ret.id, lines: [{ lineNo: 1, complete: true }] } }, await hub.staff('warehouse'));

  const operator = await hub.staff('operator');
  expect((await hub.gql(OVERDUE, {}, operator)).data.cnOverdueRefunds.map((r: any) => r.return.id)).not.toContain(ret.id);
  hub.advance(9 * DAY);
  const overdue = (await hub.gql(OVERDUE, {}, await hub.staff('auditor', 'aud-1', []))).data.cnOverdueRefunds.find((r: any) => r.return.id === ret.id);
  expect(overdue).toMatchObject({ daysOverdue: expect.any(Number), return: { state: 'RECEIVED' } });
  expect(overdue.daysOverdue).toBeGreaterThanOrEqual(1);
  expect(overdue.orderNumber).toMatch(/^CN-/);
  const deOperator = await hub.staff('operator', 'op-de', ['de']);
  expect((await hub.gql(OVERDUE, {}, deOperator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const paid = (await hub.gql(SETTLE, { input: { returnId: ret.id } }, operator)).data.settleCnReturn;
  expect(paid.refund).toMatchObject({ amount: 10170, late: true });
  expect((await hub.gql(OVERDUE, {}, operator)).data.cnOverdueRefunds.map((r: any) => r.return.id)).not.toContain(ret.id);
});

it('counts the window from when the parcel was signed for, not from when the scan reached the hub', async () => {
  hub.advance(-3 * DAY);
  const orderId = await hub.place('cust-late-scan', { lines: [TEA] });
  hub.resetClock();
  const signedAt = new Date(Date.now() - 2 * DAY);
  await hub.deliver(orderId, signedAt);
  const customer = await hub.customer('cust-late-scan');
  const [tea] = (await eligibility(orderId, customer)).returnEligibility;
  const window = returnWindow(signedAt);
  expect(tea).toMatchObject({ eligible: true, lastDay: window.lastDay, deadline: window.closesBefore.toISOString() });
  const signed = (await timeline(orderId)).timeline.at(-1)!;
  expect(signed).toMatchObject({ to: 'SIGNED', occurredAt: signedAt.toISOString() });
  expect(new Date(signed.at).getTime()).toBeGreaterThan(signedAt.getTime() + DAY);
});

it('refunds a return the customer sent back without a door pickup like one collected at the door', async () => {
  const orderId = await hub.place('cust-drop-off', { lines: [CUPS] });
  await hub.deliver(orderId);
  const customer = await hub.customer('cust-drop-off');
  const ret = (await request('cust-drop-off', orderId, 1)).data.requestCnReturn;
  const arrivedAt = new Date(Math.max(Date.now() - 60_000, new Date(ret.requestedAt).getTime()));
  const inspected = (
    await hub.gql(
      INSPECT,
      { input: { returnId: ret.id, receivedAt: arrivedAt.toISOString(), lines: [{ lineNo: 1, complete: true }] } },
      await hub.staff('warehouse', 'wh-drop'),
    )
  ).data.inspectCnReturn;
  expect(inspected).toMatchObject({ state: 'RECEIVED', pickup: null, receivedAt: arrivedAt.toISOString() });
  expect(new Date(inspected.refundDueBefore).getTime()).toBeGreaterThan(arrivedAt.getTime() + 7 * DAY - DAY);
  const settled = (await hub.gql(SETTLE, { input: { returnId: ret.id } }, await hub.staff('operator'))).data.settleCnReturn;
  expect(settled).toMatchObject({ state: 'REFUNDED', refund: { amount: 3390, pickupFeeDeduction: 0, late: false } });
  const { status, timeline: steps } = await timeline(orderId);
  expect(status).toBe('REFUNDED');
  expect(steps.slice(-3).map((step) => step.to)).toEqual(['RETURN_REQUESTED', 'RETURN_RECEIVED', 'REFUNDED']);
  expect(steps.at(-2)).toMatchObject({ occurredAt: arrivedAt.toISOString(), note: expect.stringContaining('sent or dropped off') });
  expect((await eligibility(orderId, customer)).returnEligibility[0]).toMatchObject({ returnableQuantity: 2 });
});

it("voids a return request core refuses, frees its units and shows core's reason", async () => {
  const orderId = await hub.place('cust-refused', { lines: [CUPS] });
  await hub.deliver(orderId);
  // Another service recorded a return in core meanwhile: core's order is no longer SIGNED.
  expect(await hub.sendToCore(orderId, 'RETURN_REQUESTED')).toMatchObject({ outcome: 'accepted' });
  const ret = (await request('cust-refused', orderId, 2)).data.requestCnReturn;
  expect(ret).toMatchObject({ state: 'REQUESTED', coreRejection: null });
  await hub.commandsSettled();
  const customer = await hub.customer('cust-refused');
  const { returns, returnEligibility } = await eligibility(orderId, customer);
  expect(returns.find((r: { id: string }) => r.id === ret.id)).toMatchObject({
    state: 'REFUSED_BY_CORE',
    coreRejection: expect.stringMatching(/^request: INVALID_STATUS_TRANSITION/),
  });
  expect(returnEligibility[0]).toMatchObject({ returnableQuantity: 3 });
  const [command] = await sql(`select state, rejection_code from region_cn.core_command where local_ref = ?`, [ret.id]);
  expect(command).toEqual({ state: 'REJECTED', rejection_code: 'INVALID_STATUS_TRANSITION' });
});

describe('the return policy declared at purchase', () => {
  const PLACE = `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }`;
  const order = (extra: Record<string, unknown>) => ({
    idempotencyKey: randomUUID(),
    customer: { name: '李雷', phone: '13700137000' },
    shippingAddress: { ...AREA, recipientName: '李雷', recipientPhone: '13700137000', street: '西溪路 1 号' },
    lines: [EARBUDS],
    ...extra,
  });

  it.each([
    [
      "a confirmable exclusion without the customer's confirmation",
      { returnPolicies: [{ lineNo: 1, exclusion: 'ACTIVATION_OR_TRIAL_DEVALUES' }] },
      'returnPolicies.0.customerConfirmed',
    ],
    [
      'a confirmable exclusion the customer declined',
      { returnPolicies: [{ lineNo: 1, exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: false }] },
      'returnPolicies.0.customerConfirmed',
    ],
    ['a declaration for a line the order does not have', { returnPolicies: [{ lineNo: 2, exclusion: 'CUSTOM_MADE' }] }, 'returnPolicies.0.lineNo'],
    ['goods marked non-returnable in their attributes', { lines: [{ ...EARBUDS, attributes: { nonReturnable: true } }] }, 'lines.0.attributes.nonReturnable'],
    ['a gift bound to a line the order does not have', { gifts: [{ kind: 'COUPON', description: '券', lineNos: [3] }] }, 'gifts.0.lineNos'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, extra, field) => {
    const customer = await hub.customer('cust-terms');
    const result = await hub.gql(PLACE, { input: order(extra) }, customer);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ n }] = await hub.region.orm.em
      .fork()
      .getConnection()
      .execute<any[]>(`select count(*)::int as n from region_cn.regional_order where customer_ref = 'cust-terms'`);
    expect(n).toBe(0);
  });

  it('knows no exclusion outside the law', async () => {
    const result = await hub.gql(
      PLACE,
      { input: order({ returnPolicies: [{ lineNo: 1, exclusion: 'LUXURY_GOODS', customerConfirmed: true }] }) },
      await hub.customer('cust-terms'),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toContain('returnPolicies');
  });
});

it('lets only the right people act on a return', async () => {
  const orderId = await hub.place('cust-own', { lines: [TEA] });
  await hub.deliver(orderId);
  const ask = (bearer: string) => hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 1 }] } }, bearer);
  expect((await ask(await hub.customer('someone-else'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await ask(await hub.staff('auditor', 'aud-2', []))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect((await ask(await hub.staff('operator', 'op-de', ['de']))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const other = await ask(await hub.staff('customer_service', 'cs-1'));
  const refundElsewhere = await hub.gql(
    REQUEST,
    {
      input: {
        orderId,
        idempotencyKey: randomUUID(),
        lines: [{ lineNo: 1, quantity: 1 }],
        refundTo: { otherDestination: 'store balance', customerConsent: true },
      },
    },
    await hub.staff('customer_service', 'cs-1'),
  );
  expect(other.data.requestCnReturn.__typename).toBe('CnReturn');
  expect(refundElsewhere.data.requestCnReturn).toMatchObject({ __typename: 'CnReturnRefused', reason: 'RETURN_IN_PROGRESS' });
  const ret = other.data.requestCnReturn;
  expect((await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier', 'courier-de', ['de']))).errors?.[0]?.extensions?.code).toBe(
    'FORBIDDEN',
  );
  expect(
    (await hub.gql(INSPECT, { input: { returnId: ret.id, lines: [{ lineNo: 1, complete: true }] } }, await hub.customer('cust-own'))).errors?.[0]?.extensions
      ?.code,
  ).toBe('FORBIDDEN');
  expect((await hub.gql(SETTLE, { input: { returnId: ret.id } }, await hub.staff('warehouse'))).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(
    (await hub.gql(WITHDRAW, { input: { returnId: ret.id, expectedVersion: ret.version + 1 } }, await hub.customer('cust-own'))).errors?.[0]?.extensions,
  ).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  expect((await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier'))).errors?.[0]?.extensions?.code).toBe('INVALID_STATUS_TRANSITION');
});

describe('when requests race', () => {
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
    await hub.commandsSettled();
    const [{ steps }] = await coreSql(
      `select count(*)::int as steps from core_orders.order_status_change where order_id = ? and to_status = 'RETURN_REQUESTED'`,
      [orderId],
    );
    expect({ claimed: line.claimed_quantity, returns, steps }).toEqual({ claimed: 1, returns: 1, steps: 1 });
  });

  it('cannot claim more units than were bought, even past the application, under concurrent writers', async () => {
    const orderId = await hub.place('cust-constraint', { lines: [CUPS] });
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, async () => {
        const client = new pg.Client({ connectionString: hub.scope.env.DATABASE_URL });
        await client.connect();
        try {
          await client.query(`update region_cn.cn_order_line set claimed_quantity = claimed_quantity + 1 where order_id = $1 and line_no = 1`, [orderId]);
        } finally {
          await client.end();
        }
      }),
    );
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(3);
    expect(attempts.filter((a) => a.status === 'rejected').map((a) => String((a as PromiseRejectedResult).reason))).toEqual(
      Array(5).fill(expect.stringContaining('cn_order_line_claimed_quantity_check')),
    );
    const [line] = await sql(`select claimed_quantity, quantity from region_cn.cn_order_line where order_id = ?`, [orderId]);
    expect(line).toEqual({ claimed_quantity: 3, quantity: 3 });
  });

  it('never overbooks a pickup slot, and refunds a return exactly once however often it is settled', async () => {
    const orders = await Promise.all(
      Array.from({ length: 3 }, async (_v, i) => {
        const orderId = await hub.place(`cust-slot-${i}`, { lines: [CUPS] });
        await hub.deliver(orderId);
        return { customer: `cust-slot-${i}`, returnId: (await request(`cust-slot-${i}`, orderId, 3)).data.requestCnReturn.id as string, orderId };
      }),
    );
    const operator = await hub.staff('operator');
    const opened = await hub.gql(
      OPEN_SLOTS,
      {
        input: {
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          slots: [
            {
              startsAt: new Date(Date.now() + 50 * 3600_000).toISOString(),
              endsAt: new Date(Date.now() + 52 * 3600_000).toISOString(),
              capacity: 1,
              fee: 0,
            },
          ],
        },
      },
      operator,
    );
    const slotId = opened.data.openCnPickupSlots[0].id;
    const bookings = await Promise.all(
      orders.map(async ({ customer, returnId }) => hub.gql(SCHEDULE, { input: { returnId, slotId } }, await hub.customer(customer))),
    );
    const booked = bookings.filter((b) => b.data.scheduleCnReturnPickup.__typename === 'CnReturn');
    expect(booked).toHaveLength(1);
    expect(bookings.filter((b) => b.data.scheduleCnReturnPickup.reason === 'FULL')).toHaveLength(2);
    const [slot] = await sql(`select booked, capacity from region_cn.cn_pickup_slot where id = ?`, [slotId]);
    expect(slot).toEqual({ booked: 1, capacity: 1 });

    const ret = booked[0]!.data.scheduleCnReturnPickup;
    await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier'));
    const inspected = (await hub.gql(INSPECT, { input: { returnId: ret.id, lines: [{ lineNo: 1, complete: true }] } }, await hub.staff('warehouse'))).data
      .inspectCnReturn;
    const settled = await Promise.all(Array.from({ length: 5 }, () => hub.gql(SETTLE, { input: { returnId: ret.id } }, operator)));
    expect(settled.map((s) => s.data.settleCnReturn.refund.amount)).toEqual(Array(5).fill(10170));
    // A command delivered to core again for the same step is answered without a second step.
    await hub.commandsSettled();
    expect(await hub.sendToCore(ret.orderId, 'REFUNDED', stepCommandId(ret.id, inspected.version, 'refund'))).toMatchObject({ outcome: 'accepted' });
    const [{ refunds }] = await sql(`select count(*)::int as refunds from region_cn.cn_refund where return_id = ?`, [ret.id]);
    const [{ steps }] = await coreSql(`select count(*)::int as steps from core_orders.order_status_change where order_id = ? and to_status = 'REFUNDED'`, [
      ret.orderId,
    ]);
    expect({ refunds, steps }).toEqual({ refunds: 1, steps: 1 });
    await expect(
      sql(
        `insert into region_cn.cn_refund select gen_random_uuid(), return_id, order_id, currency, goods_amount, gift_deduction, pickup_fee_deduction, amount, lines, destination, destination_detail, due_before, issued_at, issued_by from region_cn.cn_refund where return_id = ?`,
        [ret.id],
      ),
    ).rejects.toThrow(/cn_refund_return_id_unique/);
    const stale = await hub.gql(SETTLE, { input: { returnId: ret.id, expectedVersion: inspected.version } }, operator);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
  });
});

it('has migrations that create exactly the tables its entities describe', async () => {
  const diff = await hub.region.orm.schema.getUpdateSchemaSQL({ wrap: false, schema: 'region_cn' });
  expect(diff.split('\n').filter((line) => line.trim())).toEqual([]);
});

describe('the payload mutations', () => {
  it('take a return from request to refund with no userErrors at any step', async () => {
    const customer = await hub.customer('cust-payload');
    const placed = await hub.gql(
      PAYLOAD.place,
      { input: { idempotencyKey: randomUUID(), customer: { name: '王芳', phone: '13900139000' }, shippingAddress: ADDRESS, lines: [TEA] } },
      customer,
    );
    expect(placed.data.cnOrderPlace.userErrors).toEqual([]);
    const orderId = placed.data.cnOrderPlace.order.id;
    await hub.deliver(orderId);
    const opened = await hub.gql(
      PAYLOAD.openSlots,
      {
        input: {
          ...AREA,
          slots: [{ startsAt: new Date(Date.now() + 40 * 3600_000).toISOString(), endsAt: new Date(Date.now() + 42 * 3600_000).toISOString(), capacity: 1 }],
        },
      },
      await hub.staff('operator'),
    );
    expect(opened.data.cnPickupSlotsOpen.userErrors).toEqual([]);
    const requested = (await hub.gql(PAYLOAD.request, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 2 }] } }, customer)).data
      .cnReturnRequest;
    expect(requested).toMatchObject({ return: { state: 'REQUESTED' }, refusal: null, userErrors: [] });
    const returnId = requested.return.id;
    const steps = [
      [PAYLOAD.schedule, { returnId, slotId: opened.data.cnPickupSlotsOpen.slots[0].id }, customer, 'cnReturnPickupSchedule', 'PICKUP_SCHEDULED'],
      [PAYLOAD.scan, { returnId }, await hub.staff('carrier'), 'cnReturnPickupScan', 'PICKED_UP'],
      [PAYLOAD.inspect, { returnId, lines: [{ lineNo: 1, complete: true }] }, await hub.staff('warehouse'), 'cnReturnInspect', 'RECEIVED'],
      [PAYLOAD.settle, { returnId }, await hub.staff('operator'), 'cnReturnSettle', 'REFUNDED'],
    ] as const;
    for (const [operation, input, bearer, field, state] of steps) {
      const result = await hub.gql(operation, { input }, bearer);
      expect(result.errors).toBeUndefined();
      expect(result.data[field]).toMatchObject({ return: { id: returnId, state }, userErrors: [] });
    }
  });

  it('answers refusals in userErrors, keeping the region-specific detail in the payload and data intact', async () => {
    const customer = await hub.customer('cust-refusals');
    const badTerms = await hub.gql(
      PAYLOAD.place,
      {
        input: {
          idempotencyKey: randomUUID(),
          customer: { name: '王芳', phone: '13900139000' },
          shippingAddress: ADDRESS,
          lines: [TEA],
          returnPolicies: [{ lineNo: 2, exclusion: 'CUSTOM_MADE' }],
        },
      },
      customer,
    );
    expect(badTerms.errors).toBeUndefined();
    expect(badTerms.data.cnOrderPlace).toEqual({
      order: null,
      userErrors: [expect.objectContaining({ code: 'INVALID', field: ['input', 'returnPolicies', '0', 'lineNo'] })],
    });

    const orderId = await hub.place('cust-refusals', { lines: [TEA] });
    await hub.deliver(orderId);
    const tooMany = (await hub.gql(PAYLOAD.request, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 3 }] } }, customer)).data
      .cnReturnRequest;
    expect(tooMany).toEqual({
      return: null,
      refusal: { lineNo: 1, reason: 'QUANTITY_EXCEEDS_RETURNABLE', returnableQuantity: 2 },
      userErrors: [expect.objectContaining({ code: 'RETURN_NOT_ELIGIBLE', field: ['input', 'lines', '0', 'quantity'] })],
    });

    const returnId = (await request('cust-refusals', orderId, 1)).data.requestCnReturn.id;
    const [full] = await openSlots([{ inHours: 60, capacity: 1, fee: 0 }]);
    const other = await hub.place('cust-refusals-2', { lines: [TEA] });
    await hub.deliver(other);
    const otherReturn = (await request('cust-refusals-2', other, 1)).data.requestCnReturn.id;
    await hub.gql(SCHEDULE, { input: { returnId: otherReturn, slotId: full } }, await hub.customer('cust-refusals-2'));
    const unavailable = (await hub.gql(PAYLOAD.schedule, { input: { returnId, slotId: full } }, customer)).data.cnReturnPickupSchedule;
    expect(unavailable).toEqual({
      return: null,
      unavailableSlot: { slotId: full, reason: 'FULL' },
      userErrors: [expect.objectContaining({ code: 'PICKUP_SLOT_UNAVAILABLE', field: ['input', 'slotId'] })],
    });

    const stale = await hub.gql(PAYLOAD.withdraw, { input: { returnId, expectedVersion: 99 } }, customer);
    expect(stale.errors).toBeUndefined();
    expect(stale.data.cnReturnWithdraw).toEqual({
      return: null,
      userErrors: [expect.objectContaining({ code: 'CONFLICT', field: ['input', 'expectedVersion'] })],
    });
    const settleTooEarly = (await hub.gql(PAYLOAD.settle, { input: { returnId } }, await hub.staff('operator'))).data.cnReturnSettle;
    expect(settleTooEarly.userErrors[0].code).toBe('INVALID_STATUS_TRANSITION');
    // The deprecated mutation still fails the old way.
    const old = await hub.gql(WITHDRAW, { input: { returnId, expectedVersion: 99 } }, customer);
    expect(old.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'expectedVersion' });
    // Not allowed is not the caller's mistake to fix: it stays a top-level error.
    const forbidden = await hub.gql(PAYLOAD.settle, { input: { returnId } }, customer);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('pages pickup slots and overdue refunds with cursors within 1..100', async () => {
    const orderId = await hub.place('cust-pages', { lines: [TEA] });
    await hub.deliver(orderId);
    const customer = await hub.customer('cust-pages');
    const returnId = (await request('cust-pages', orderId, 1)).data.requestCnReturn.id;
    const opened = await openSlots([70, 72, 74, 76, 78].map((inHours) => ({ inHours, capacity: 1, fee: 0 })));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (await hub.gql(SLOTS_PAGE, { returnId, first: 2, after }, customer)).data.cnPickupSlotsConnection;
      expect(page.edges.map((edge: any) => edge.node.id)).toEqual(page.nodes.map((node: any) => node.id));
      seen.push(...page.nodes.map((node: { id: string }) => node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(expect.arrayContaining(opened));
    expect(new Set(seen).size).toBe(seen.length);

    const operator = await hub.staff('operator');
    for (const first of [0, 101]) {
      expect((await hub.gql(SLOTS_PAGE, { returnId, first }, customer)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      expect((await hub.gql(OVERDUE_PAGE, { first }, operator)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    }
    expect((await hub.gql(OVERDUE_PAGE, { after: 'forged' }, operator)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const overdue = await hub.gql(OVERDUE_PAGE, { first: 100 }, operator);
    expect(overdue.errors).toBeUndefined();
    expect(overdue.data.cnOverdueRefundsConnection.pageInfo).toEqual(expect.objectContaining({ hasNextPage: false }));
  });
});

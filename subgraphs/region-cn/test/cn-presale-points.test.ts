import { randomUUID } from 'node:crypto';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { trackingSubjectsFor } from '@hub/shared/notices/tracking-subjects';
import { PresaleReminderSweep } from '@hub/shared/region/promotions/presale-reminder.sweep';
import { publishTestRuleSet, testRuleSet } from '@hub/shared/testing/test-rule-sets';
import { startCnReturnsHub, type CnReturnsHub } from './support/cn-returns-hub.js';
import { INSPECT, OPEN_SLOTS, PAYLOAD, REQUEST, SCAN, SCHEDULE, SETTLE } from './support/cn-returns.operations.js';

/**
 * Issue 14, item 5 through real region-cn, core, PostgreSQL and NATS: a Double-11 presale (deposit 50 yuan counting
 * as 150) with points deducted, the final payment inside its window, reminders sent once, points earned when paid,
 * a return giving back cash and points in proportion, and two concurrent placements spending the same points.
 */
let hub: CnReturnsHub;
const HOUR = 3_600_000;
// The cups' final payment is open now (core refuses steps dated in its future, so the test cannot move the region ahead
// to pay); the earbuds' opens tomorrow.
const opensAt = Math.floor((Date.now() - HOUR) / 1000);
const closesAt = Math.floor((Date.now() + 48 * HOUR) / 1000);
const earbudsOpenAt = Math.floor((Date.now() + 24 * HOUR) / 1000);

beforeAll(async () => {
  hub = await startCnReturnsHub('cn_promos');
  const points = testRuleSet({
    region: 'cn',
    ruleSet: 'member-points',
    module: 'POINTS',
    rules: [
      { id: 'earn', condition: 'true', target: 'EARN_PER_100', value: '1', message: '1 point per yuan' },
      { id: 'value', condition: 'true', target: 'POINT_VALUE', value: '1', message: '1 point pays 1 fen' },
      { id: 'cap', condition: 'true', target: 'SPEND_CAP_BP', value: '5000', message: 'points pay at most half' },
    ],
  });
  const presale = testRuleSet({
    region: 'cn',
    ruleSet: 'double-11-cups',
    module: 'PRESALE',
    rules: [
      { id: 'deposit', condition: "order.lines.exists(l, l.sku == 'CUP-1')", target: 'DEPOSIT', value: '5000', message: 'deposit 50' },
      { id: 'expand', condition: "order.lines.exists(l, l.sku == 'CUP-1')", target: 'COUNTS_AS', value: '15000', message: 'counts as 150' },
      { id: 'opens', condition: 'true', target: 'FINAL_OPENS_AT', value: String(opensAt), message: 'final payment opens' },
      { id: 'closes', condition: 'true', target: 'FINAL_CLOSES_AT', value: String(closesAt), message: 'final payment closes' },
      { id: 'remind-day', condition: 'true', target: 'REMIND_BEFORE_MINUTES', value: '600', message: 'ten hours before' },
      { id: 'remind-hour', condition: 'true', target: 'REMIND_BEFORE_MINUTES', value: '60', message: 'an hour before' },
    ],
  });
  const earbuds = testRuleSet({
    region: 'cn',
    ruleSet: 'double-11-earbuds',
    module: 'PRESALE',
    rules: [
      { id: 'deposit', condition: "order.lines.exists(l, l.sku == 'EAR-1')", target: 'DEPOSIT', value: '2000', message: 'deposit 20' },
      { id: 'opens', condition: 'true', target: 'FINAL_OPENS_AT', value: String(earbudsOpenAt), message: 'final payment opens' },
      { id: 'closes', condition: 'true', target: 'FINAL_CLOSES_AT', value: String(closesAt), message: 'final payment closes' },
    ],
  });
  const held = Promise.all([hub.rulesApplied('member-points', 1), hub.rulesApplied('double-11-cups', 1), hub.rulesApplied('double-11-earbuds', 1)]);
  await publishTestRuleSet(hub.scope.env, points);
  await publishTestRuleSet(hub.scope.env, presale);
  await publishTestRuleSet(hub.scope.env, earbuds);
  await held;
});
afterAll(async () => {
  await hub?.close();
});
afterEach(() => hub.resetClock());

const PAYMENT = `paymentPlan { payable deposit expansion pointsUsed pointsValue finalDue cashStillDue finalPaymentOpensAt finalPaymentClosesAt finalPaidAt pointsToEarn pointsEarned presaleRuleSet }`;
const VIEW = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { ${PAYMENT} } } } }`;
const FINAL_PAY = `mutation($input: CnOrderFinalPayInput!) { cnOrderFinalPay(input: $input) { order { id cn { ${PAYMENT} } } userErrors { code field message } } }`;
const POINTS = `query($input: CnPointsQueryInput) { cnPoints(input: $input) { customerRef balance entries { kind points balanceAfter orderId } } }`;
const TEA = { sku: 'TEA-1', quantity: 2 }; // 2 × (50.00 + 6.50 VAT) = 113.00 yuan
const CUPS = { sku: 'CUP-1', quantity: 10 }; // 10 × (30.00 + 3.90 VAT) = 339.00 yuan

async function place(customer: string, input: Record<string, unknown>) {
  const result = await hub.gql(
    PAYLOAD.place,
    { input: { idempotencyKey: randomUUID(), customer: { name: '王芳', phone: '13900139000' }, shippingAddress: ADDRESS, ...input } },
    await hub.customer(customer),
  );
  expect(result.errors).toBeUndefined();
  return result.data.cnOrderPlace as { order: { id: string } | null; userErrors: Array<{ code: string; field: string[] | null; message: string }> };
}
const ADDRESS = { recipientName: '王芳', recipientPhone: '13900139000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 100 号' };

async function paymentOf(orderId: string, bearer: string) {
  const result = await hub.gql(VIEW, { r: [{ __typename: 'Order', id: orderId }] }, bearer);
  expect(result.errors).toBeUndefined();
  return result.data._entities[0].cn.paymentPlan;
}
async function balance(customer: string): Promise<number> {
  const result = await hub.gql(POINTS, {}, await hub.customer(customer));
  expect(result.errors).toBeUndefined();
  return result.data.cnPoints.balance;
}

/** Core moves the order on as fulfilment would, and region-cn has applied each step (points are earned at PAID). */
async function advanceInCore(orderId: string, steps: OrderStatus[], fromVersion: number) {
  await hub.commandsSettled();
  const last = hub.settledEvent(`order.status-changed:${orderId}:${fromVersion + steps.length}`);
  for (const to of steps) {
    const reply = await hub.sendToCore(orderId, to);
    if (reply.outcome !== 'accepted') throw new Error(`core did not move ${orderId} to ${to}: ${JSON.stringify(reply)}`);
  }
  await last;
}

async function earnPoints(customer: string): Promise<void> {
  const placed = await place(customer, { lines: [TEA] });
  expect(placed.userErrors).toEqual([]);
  await advanceInCore(placed.order!.id, ['PAID'], 1);
}

it('takes a presale through deposit, expansion, points, reminders once, the final payment in its window and a return giving back cash and points', async () => {
  const customer = `cust-presale-${randomUUID()}`;
  const bearer = await hub.customer(customer);
  await earnPoints(customer);
  expect(await balance(customer)).toBe(113);

  const aboveCap = await place(customer, { lines: [CUPS], pointsToUse: 9_451 });
  expect(aboveCap.userErrors).toEqual([{ code: 'POINTS_ABOVE_CAP', field: ['input', 'pointsToUse'], message: 'At most 9450 points can pay for this order.' }]);
  const placed = await place(customer, { lines: [CUPS], pointsToUse: 100 });
  expect(placed.userErrors).toEqual([]);
  const orderId = placed.order!.id;
  // 339.00 payable: the 50.00 deposit counts as 150.00, 100 points pay 1.00 of the rest, 188.00 is due at the final payment.
  expect(await paymentOf(orderId, bearer)).toEqual({
    payable: 33_900,
    deposit: 5_000,
    expansion: 10_000,
    pointsUsed: 100,
    pointsValue: 100,
    finalDue: 18_800,
    cashStillDue: 18_800,
    finalPaymentOpensAt: new Date(opensAt * 1000).toISOString(),
    finalPaymentClosesAt: new Date(closesAt * 1000).toISOString(),
    finalPaidAt: null,
    pointsToEarn: 238,
    pointsEarned: null,
    presaleRuleSet: 'double-11-cups',
  });
  expect(await balance(customer)).toBe(13);

  const earbudsOrder = await place(customer, { lines: [{ sku: 'EAR-1', quantity: 1 }] });
  expect(earbudsOrder.userErrors).toEqual([]);
  const early = await hub.gql(FINAL_PAY, { input: { orderId: earbudsOrder.order!.id } }, bearer);
  expect(early.data.cnOrderFinalPay).toEqual({
    order: null,
    userErrors: [
      { code: 'FINAL_PAYMENT_NOT_OPEN', field: ['input', 'orderId'], message: `The final payment opens at ${new Date(earbudsOpenAt * 1000).toISOString()}.` },
    ],
  });

  // Ten hours before the window closes the first reminder is due; a second sweep sends nothing again.
  const sweep = new PresaleReminderSweep({
    orm: hub.region.orm,
    logger: hub.region.deps.logger,
    region: 'cn',
    subjects: trackingSubjectsFor(hub.scope.env.NATS_NAMESPACE),
    clock: () => new Date(closesAt * 1000 - 10 * HOUR + 60_000),
    onQueued: () => undefined,
  });
  expect(await sweep.run()).toBe(1);
  expect(await sweep.run()).toBe(0);
  const reminders = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ message_id: string; subject: string; payload: any }>>(
      `select message_id, subject, payload from region_cn.outbox_event where message_id like ? order by message_id`,
      [`presale-final:${orderId}:%`],
    );
  expect(reminders).toEqual([
    {
      message_id: `presale-final:${orderId}:1`,
      subject: trackingSubjectsFor(hub.scope.env.NATS_NAMESPACE).notices('cn'),
      payload: expect.objectContaining({
        topic: 'FINAL_PAYMENT_DUE',
        customerRef: customer,
        orderId,
        finalPayment: { amountDue: 18_800, currency: 'CNY', closesAt: new Date(closesAt * 1000).toISOString() },
      }),
    },
  ]);

  const [paid, again] = await Promise.all([1, 2].map(() => hub.gql(FINAL_PAY, { input: { orderId } }, bearer)));
  for (const answer of [paid!, again!]) {
    expect(answer.errors).toBeUndefined();
    expect(answer.data.cnOrderFinalPay.userErrors).toEqual([]);
    expect(answer.data.cnOrderFinalPay.order.cn.paymentPlan).toMatchObject({ cashStillDue: 0, finalPaidAt: expect.any(String) });
  }
  expect(paid!.data.cnOrderFinalPay.order.cn.paymentPlan.finalPaidAt).toBe(again!.data.cnOrderFinalPay.order.cn.paymentPlan.finalPaidAt);
  // The final payment made the order PAID in core, and the points were earned once.
  await hub.commandsSettled();
  await hub.settledEvent(`order.status-changed:${orderId}:2`);
  expect(await paymentOf(orderId, bearer)).toMatchObject({ pointsEarned: 238 });
  expect(await balance(customer)).toBe(13 + 238);

  // The reminder an hour before closing is skipped: the order is paid.
  sweep['options'].clock = () => new Date(closesAt * 1000 - 30 * 60_000);
  expect(await sweep.run()).toBe(0);

  await advanceInCore(orderId, ['PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'], 2);
  const ret = (await hub.gql(REQUEST, { input: { orderId, idempotencyKey: randomUUID(), lines: [{ lineNo: 1, quantity: 5 }] } }, bearer)).data.requestCnReturn;
  expect(ret.state).toBe('REQUESTED');
  const operator = await hub.staff('operator', 'op-promos');
  const slots = await hub.gql(
    OPEN_SLOTS,
    {
      input: {
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        slots: [{ startsAt: new Date(Date.now() + 20 * HOUR).toISOString(), endsAt: new Date(Date.now() + 22 * HOUR).toISOString(), capacity: 1, fee: 0 }],
      },
    },
    operator,
  );
  await hub.gql(SCHEDULE, { input: { returnId: ret.id, slotId: slots.data.openCnPickupSlots[0].id } }, bearer);
  await hub.gql(SCAN, { input: { returnId: ret.id } }, await hub.staff('carrier', 'courier-promos'));
  await hub.gql(INSPECT, { input: { returnId: ret.id, lines: [{ lineNo: 1, complete: true }] } }, await hub.staff('warehouse', 'wh-promos'));
  const settled = await hub.gql(
    SETTLE.replace('refund {', 'refund { depositRefunded expansionKept pointsBack pointsEarnedBack'),
    { input: { returnId: ret.id } },
    operator,
  );
  expect(settled.errors).toBeUndefined();
  // Half the goods (169.50) were paid by half of each means: 25.00 deposit + 94.00 final cash, 50 points, 50.00 of expansion kept.
  expect(settled.data.settleCnReturn.refund).toMatchObject({
    goodsAmount: 16_950,
    amount: 11_900,
    depositRefunded: 2_500,
    expansionKept: 5_000,
    pointsBack: 50,
    pointsEarnedBack: 119,
  });
  const ledger = (await hub.gql(POINTS, {}, bearer)).data.cnPoints;
  expect(ledger.balance).toBe(13 + 238 + 50 - 119);
  expect(ledger.entries.map((entry: { kind: string; points: number }) => [entry.kind, entry.points])).toEqual([
    ['EARNED_REVERSED', -119],
    ['REFUNDED', 50],
    ['EARNED', 238],
    ['SPENT', -100],
    ['EARNED', 113],
  ]);
});

it('refuses a final payment after its window closed, naming when', async () => {
  const customer = `cust-late-${randomUUID()}`;
  const placed = await place(customer, { lines: [CUPS] });
  expect(placed.userErrors).toEqual([]);
  hub.advance(closesAt * 1000 - Date.now() + 1_000);
  const late = await hub.gql(FINAL_PAY, { input: { orderId: placed.order!.id } }, await hub.customer(customer));
  expect(late.data.cnOrderFinalPay.userErrors).toEqual([
    { code: 'FINAL_PAYMENT_CLOSED', field: ['input', 'orderId'], message: expect.stringContaining(new Date(closesAt * 1000).toISOString()) },
  ]);
  const other = await hub.gql(FINAL_PAY, { input: { orderId: placed.order!.id } }, await hub.customer(`someone-else-${randomUUID()}`));
  expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

it('records on the payment plan a final payment core refuses, keeping the cash taken as paid', async () => {
  const customer = `cust-refused-${randomUUID()}`;
  const bearer = await hub.customer(customer);
  const placed = await place(customer, { lines: [CUPS] });
  expect(placed.userErrors).toEqual([]);
  const orderId = placed.order!.id;
  // Core already has the order as PAID (taken another way) when the customer's final payment reaches it.
  await advanceInCore(orderId, ['PAID'], 1);
  const paid = await hub.gql(FINAL_PAY, { input: { orderId } }, bearer);
  expect(paid.data.cnOrderFinalPay.userErrors).toEqual([]);
  await hub.commandsSettled();
  const view = VIEW.replace('finalPaidAt', 'finalPaidAt finalPaymentRefusal finalPaymentRefusedAt');
  const result = await hub.gql(view, { r: [{ __typename: 'Order', id: orderId }] }, bearer);
  expect(result.errors).toBeUndefined();
  expect(result.data._entities[0].cn.paymentPlan).toMatchObject({
    finalPaidAt: expect.any(String),
    cashStillDue: 0,
    finalPaymentRefusal: expect.stringMatching(/^INVALID_STATUS_TRANSITION: /),
    finalPaymentRefusedAt: expect.any(String),
  });
  const commands = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ state: string; rejection_code: string }>>(`select state, rejection_code from region_cn.core_command where command_id = ?`, [
      `final-payment:${orderId}`,
    ]);
  expect(commands).toEqual([{ state: 'REJECTED', rejection_code: 'INVALID_STATUS_TRANSITION' }]);
  // Paying again answers the order as it is; the refusal stays.
  const again = await hub.gql(FINAL_PAY.replace('finalPaidAt', 'finalPaidAt finalPaymentRefusal'), { input: { orderId } }, bearer);
  expect(again.data.cnOrderFinalPay.order.cn.paymentPlan.finalPaymentRefusal).toMatch(/^INVALID_STATUS_TRANSITION: /);
});

it('lets only one of two concurrent placements spend the same points, and the balance never goes negative', async () => {
  const customer = `cust-race-${randomUUID()}`;
  await earnPoints(customer);
  const [first, second] = await Promise.all([1, 2].map(() => place(customer, { lines: [TEA], pointsToUse: 100 })));
  const outcomes = [first!, second!].map((result) => (result.order ? 'placed' : result.userErrors[0]!.code)).sort();
  expect(outcomes).toEqual(['POINTS_INSUFFICIENT', 'placed']);
  expect(await balance(customer)).toBe(13);
  const [counted] = await hub.region.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ orders: number }>>(`select count(*)::int as orders from region_cn.regional_order where customer_ref = ?`, [customer]);
  expect(counted?.orders).toBe(2); // the earning order and the one that spent; the refused placement wrote nothing
  const operator = await hub.staff('operator', 'op-points');
  const seen = await hub.gql(POINTS, { input: { customerRef: customer, last: 5 } }, operator);
  expect(seen.data.cnPoints.entries.map((entry: { kind: string; balanceAfter: number }) => [entry.kind, entry.balanceAfter])).toEqual([
    ['SPENT', 13],
    ['EARNED', 113],
  ]);
  const stranger = await hub.gql(POINTS, { input: { customerRef: customer } }, await hub.customer(`other-${randomUUID()}`));
  expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

import { randomUUID } from 'node:crypto';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Principal, Role } from '@hub/shared/auth/principal';
import type { NoticeIntent } from '@hub/shared/notices/notice-contracts';
import { connectTestNats } from '@hub/shared/testing/harness';
import { recordNotices, urgentJourneyStep } from '@hub/shared/testing/notice-recorder';
import { DE_PERSONAL_FIELDS } from '../src/rules/personal-fields.js';
import { orderInput, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/** GDPR art. 18 through GraphQL: request, replay, refusals, what a restriction stops (reads, notices), lifting and the log. */
let hub: DeTestHub;
let nc: NatsConnection;
const notices = recordNotices();
const { sent } = notices;

beforeAll(async () => {
  hub = await startDeTestHub('de_restriction', {}, {}, notices.regionOptions);
  nc = await connectTestNats(hub.scope.env);
});
afterAll(async () => {
  await nc?.close();
  await hub?.close();
});

const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});
const SUBJECT = 'cust-restrict';
const customer = who('customer', ['de'], undefined, SUBJECT);
const agent = who('customer_service', ['de'], 'support', 'agent-restrict');
const NOTE = 'Customer says the delivery address on file is outdated';

const VIEW = `{ id ground legalBasis liftWhen note requestedBy inForce liftedAt liftedBy liftReason subjectInformedAt }`;
const REQUEST = `mutation($input: DeRestrictionRequestInput!) { deRestrictionRequest(input: $input) { userErrors { code field message } restriction ${VIEW} } }`;
const LIFT = `mutation($input: DeRestrictionLiftInput!) { deRestrictionLift(input: $input) { userErrors { code field message } restriction ${VIEW} } }`;
const STATE = `query($c: String) { deProcessingRestrictions(customerRef: $c) { customerRef inForce { id } history { id inForce ground } whileRestricted { processing allowed exception } } }`;

const request = async (principal: Principal, input: Record<string, unknown>) => hub.gql(REQUEST, { input }, await hub.token(principal));
const lift = async (principal: Principal, input: Record<string, unknown>) => hub.gql(LIFT, { input }, await hub.token(principal));
const privacyLog = () =>
  hub.sql(`select order_id, action, fields, legal_basis, actor from region_de.de_privacy_log where customer_ref = ? order by id`, [SUBJECT]);

const FIELDS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de {
  customer { name email phone vatId } shippingAddress { recipientName street city country } invoiceAddress { recipientName street } } } } }`;
/** What the caller sees of an order: each field's value, or `!REASON` when withheld. */
async function view(orderId: string, principal: Principal): Promise<Record<string, unknown>> {
  const result = await hub.gql(FIELDS, { r: [{ __typename: 'Order', id: orderId }] }, await hub.token(principal));
  const de = result.data?._entities[0].de;
  const seen: Record<string, unknown> = {};
  for (const [group, values] of Object.entries(de ?? {})) for (const [part, value] of Object.entries(values as object)) seen[`${group}.${part}`] = value;
  for (const error of result.errors ?? []) seen[(error.path ?? []).slice(-2).join('.')] = `!${error.extensions?.reason}`;
  return seen;
}

const noticeFor = (orderId: string) => urgentJourneyStep('de', SUBJECT, { orderId });
const deliver = (notice: NoticeIntent) => notices.deliver(nc, hub.scope.env.NATS_NAMESPACE, notice);

describe('restriction of processing (art. 18)', () => {
  let orderId: string;
  let restrictionId: string;
  const key = `restrict-${randomUUID()}`;

  beforeAll(async () => {
    orderId = await hub.place(
      await hub.token(customer),
      orderInput({ customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: '+4915112345678', vatId: 'DE123456789' } }),
    );
  });

  it('before any restriction: staff see the data and notices are sent', async () => {
    expect(await view(orderId, who('operator', ['de']))).toMatchObject({ 'customer.name': 'Anna Schmidt', 'shippingAddress.street': 'Invalidenstraße' });
    expect(await deliver(noticeFor(orderId))).toBe('sent');
    const state = await hub.gql(STATE, {}, await hub.token(customer));
    expect(state.data.deProcessingRestrictions).toMatchObject({ customerRef: SUBJECT, inForce: null, history: [] });
  });

  it('refuses callers who may not ask, and input that breaks a rule, changing nothing', async () => {
    const input = { customerRef: SUBJECT, ground: 'ACCURACY_CONTESTED', idempotencyKey: `refused-${randomUUID()}` };
    const otherCustomer = await request(who('customer', ['de'], undefined, 'cust-someone-else'), input);
    expect(otherCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request(who('customer_service', ['cn'], 'support'), input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request(who('warehouse', ['de'], 'fulfilment'), input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await request(who('auditor', [], 'audit'), input)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const secret = 'Anna Schmidt wohnt jetzt in der Friedrichstraße 1';
    const tooLong = await request(agent, { ...input, note: `${secret} ${'x'.repeat(500)}` });
    expect(tooLong.data.deRestrictionRequest).toEqual({
      userErrors: [{ code: 'INVALID', field: ['input', 'note'], message: expect.any(String) }],
      restriction: null,
    });
    expect(JSON.stringify(tooLong)).not.toContain('Friedrichstraße');
    const unnamed = await request(agent, { ground: 'ACCURACY_CONTESTED', idempotencyKey: `refused-${randomUUID()}` });
    expect(unnamed.data.deRestrictionRequest.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'customerRef'], message: expect.any(String) }]);
    expect(await hub.sql(`select 1 from region_de.de_processing_restriction where customer_ref = ?`, [SUBJECT])).toEqual([]);
    expect(await privacyLog()).toEqual([]);
  });

  it('records a request once, however often it is sent with its key', async () => {
    const input = { ground: 'ACCURACY_CONTESTED', note: NOTE, idempotencyKey: key };
    const first = await request(customer, input);
    expect(first.data.deRestrictionRequest).toMatchObject({
      userErrors: [],
      restriction: {
        ground: 'ACCURACY_CONTESTED',
        note: NOTE,
        requestedBy: SUBJECT,
        inForce: true,
        liftedAt: null,
        legalBasis: expect.stringMatching(/^Art\. 18\(1\)\(a\)/),
      },
    });
    restrictionId = first.data.deRestrictionRequest.restriction.id;
    const replay = await request(customer, input);
    expect(replay.data.deRestrictionRequest).toEqual(first.data.deRestrictionRequest);

    const reused = await request(customer, { ...input, ground: 'OBJECTION_PENDING' });
    expect(reused.data.deRestrictionRequest).toEqual({
      userErrors: [{ code: 'CONFLICT', field: ['input', 'idempotencyKey'], message: expect.any(String) }],
      restriction: null,
    });
    const second = await request(agent, { customerRef: SUBJECT, ground: 'OBJECTION_PENDING', idempotencyKey: `second-${randomUUID()}` });
    expect(second.data.deRestrictionRequest.userErrors).toEqual([{ code: 'CONFLICT', field: ['input', 'customerRef'], message: expect.any(String) }]);

    expect(await hub.sql(`select id from region_de.de_processing_restriction where customer_ref = ?`, [SUBJECT])).toEqual([{ id: restrictionId }]);
    const log = await privacyLog();
    expect(log).toEqual([
      {
        order_id: null,
        action: 'PROCESSING_RESTRICTED',
        fields: expect.arrayContaining([...DE_PERSONAL_FIELDS]),
        legal_basis: expect.stringContaining('Art. 18(1)(a) GDPR'),
        actor: SUBJECT,
      },
    ]);
  });

  it('withholds the data from staff while the customer, bookkeeping and tax auditors still read it', async () => {
    const operator = await view(orderId, who('operator', ['de']));
    expect(Object.values(operator).every((value) => value === '!RESTRICTED')).toBe(true);
    expect(await view(orderId, who('warehouse', ['de'], 'fulfilment'))).toMatchObject({
      'shippingAddress.street': '!RESTRICTED',
      'shippingAddress.city': '!RESTRICTED',
    });
    expect(await view(orderId, who('admin', []))).toMatchObject({ 'customer.name': '!RESTRICTED' });
    expect(await view(orderId, customer)).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'customer.email': 'anna.schmidt@example.de',
      'shippingAddress.street': 'Invalidenstraße',
    });
    expect(await view(orderId, who('bookkeeping', ['de'], 'invoicing'))).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'customer.vatId': 'DE123456789',
      'customer.email': '!ROLE_NOT_ALLOWED',
    });
    expect(await view(orderId, who('tax_auditor', [], 'tax_audit'))).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'shippingAddress.country': '!RESTRICTED',
    });
    const denied = await hub.sql(
      `select count(*)::int as n from region_de.personal_data_access_log where order_id = ? and actor_role = 'operator' and reason = 'RESTRICTED'`,
      [orderId],
    );
    expect(denied[0].n).toBeGreaterThan(0);
  });

  it('sends no parcel notice while restricted', async () => {
    const before = sent.length;
    expect(await deliver(noticeFor(orderId))).toBe('no-contact');
    expect(sent.length).toBe(before);
  });

  it('shows the state and what a restriction stops', async () => {
    const state = (await hub.gql(STATE, { c: SUBJECT }, await hub.token(agent))).data.deProcessingRestrictions;
    expect(state).toMatchObject({
      customerRef: SUBJECT,
      inForce: { id: restrictionId },
      history: [{ id: restrictionId, inForce: true, ground: 'ACCURACY_CONTESTED' }],
    });
    expect(state.whileRestricted).toEqual(
      expect.arrayContaining([
        { processing: 'STORAGE', allowed: true, exception: 'STORAGE' },
        { processing: 'STAFF_DISCLOSURE', allowed: false, exception: null },
        { processing: 'PARCEL_NOTICES', allowed: false, exception: null },
      ]),
    );
    expect((await hub.gql(STATE, { c: SUBJECT }, await hub.token(who('customer', ['de'], undefined, 'cust-nosy')))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
  });

  it('lifts only for staff of region de, after the subject was informed, and then the data flows again', async () => {
    const reason = 'Address verified against the carrier record';
    expect((await lift(customer, { restrictionId, reason, subjectInformed: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await lift(who('operator', ['cn']), { restrictionId, reason, subjectInformed: true })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await lift(agent, { restrictionId, reason, subjectInformed: false })).data.deRestrictionLift.userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'subjectInformed'], message: expect.stringContaining('Art. 18(3)') },
    ]);
    expect((await lift(agent, { restrictionId, reason: 'ok', subjectInformed: true })).data.deRestrictionLift.userErrors).toEqual([
      { code: 'INVALID', field: ['input', 'reason'], message: expect.any(String) },
    ]);
    expect((await lift(agent, { restrictionId: randomUUID(), reason, subjectInformed: true })).data.deRestrictionLift.userErrors).toEqual([
      { code: 'NOT_FOUND', field: null, message: expect.any(String) },
    ]);
    expect(await view(orderId, who('operator', ['de']))).toMatchObject({ 'customer.name': '!RESTRICTED' });

    const lifted = await lift(agent, { restrictionId, reason, subjectInformed: true });
    expect(lifted.data.deRestrictionLift).toMatchObject({
      userErrors: [],
      restriction: {
        id: restrictionId,
        inForce: false,
        liftedBy: 'agent-restrict',
        liftReason: reason,
        liftedAt: expect.any(String),
        subjectInformedAt: expect.any(String),
      },
    });
    expect((await lift(agent, { restrictionId, reason, subjectInformed: true })).data.deRestrictionLift).toEqual(lifted.data.deRestrictionLift);
    expect(
      (await lift(who('admin', []), { restrictionId, reason: 'Another reason entirely', subjectInformed: true })).data.deRestrictionLift.userErrors,
    ).toEqual([{ code: 'CONFLICT', field: ['input', 'restrictionId'], message: expect.any(String) }]);

    expect(await view(orderId, who('operator', ['de']))).toMatchObject({ 'customer.name': 'Anna Schmidt', 'shippingAddress.street': 'Invalidenstraße' });
    expect(await deliver(noticeFor(orderId))).toBe('sent');
    const state = (await hub.gql(STATE, {}, await hub.token(customer))).data.deProcessingRestrictions;
    expect(state).toMatchObject({ inForce: null, history: [{ id: restrictionId, inForce: false }] });
    // The customer's copy of their data (art. 15) tells of the restriction and its end.
    expect((await hub.gql(`{ deDataExport }`, {}, await hub.token(customer))).data.deDataExport.processingRestrictions).toEqual([
      {
        ground: 'ACCURACY_CONTESTED',
        legalBasis: expect.stringMatching(/^Art\. 18\(1\)\(a\)/),
        requestedAt: expect.any(String),
        note: NOTE,
        liftedAt: expect.any(String),
        liftReason: reason,
      },
    ]);
  });

  it('keeps one privacy-log row per step, with its legal basis and no personal data', async () => {
    const log = await privacyLog();
    expect(log.map((row) => [row.action, row.actor])).toEqual([
      ['PROCESSING_RESTRICTED', SUBJECT],
      ['RESTRICTION_LIFTED', 'agent-restrict'],
    ]);
    expect(log[1].legal_basis).toMatch(/^Art\. 18\(3\) GDPR: the data subject was informed/);
    expect(log[1].legal_basis).toContain('Art. 18(1)(a)');
    const text = JSON.stringify(log);
    for (const value of ['Anna', 'Schmidt', 'Invalidenstraße', 'anna.schmidt', NOTE, 'carrier record']) expect(text).not.toContain(value);
  });

  it('lets the customer ask again on another ground once lifted', async () => {
    const again = await request(customer, { ground: 'OBJECTION_PENDING', idempotencyKey: `again-${randomUUID()}` });
    expect(again.data.deRestrictionRequest).toMatchObject({ userErrors: [], restriction: { ground: 'OBJECTION_PENDING', inForce: true } });
    expect((await hub.gql(STATE, {}, await hub.token(customer))).data.deProcessingRestrictions.history.map((h: { inForce: boolean }) => h.inForce)).toEqual([
      true,
      false,
    ]);
  });
});

import type { Principal, Role } from '@hub/shared/auth/principal';
import { runRetentionJob } from '../src/erasure/retention-job.js';
import { berlinDate, yearOf } from '../src/rules/calendar.rules.js';
import { DE_PERSONAL_FIELDS } from '../src/rules/personal-fields.js';
import { orderInput, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/** Personal data through GraphQL: who sees what, what is recorded, consent, export, erasure and retention. */
let hub: DeTestHub;
beforeAll(async () => {
  hub = await startDeTestHub('de_privacy');
});
afterAll(async () => hub?.close());

const ALL_FIELDS = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { de {
  customer { name email phone dateOfBirth vatId }
  shippingAddress { recipientName street houseNumber postalCode city country }
  invoiceAddress { recipientName street houseNumber postalCode city country } } } } }`;

const fullOrder = () =>
  orderInput({
    customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: '+4915112345678', dateOfBirth: '1990-04-01', vatId: 'DE123456789' },
    billingAddress: { recipientName: 'Schmidt Kaffee', street: 'Friedrichstraße', houseNumber: '1', postalCode: '10117', city: 'Berlin', country: 'DE' },
    lines: [{ sku: 'WHISKY-1', name: 'Single Malt 0.7 l', quantity: 1, unitPrice: 3000, unitTax: 570, attributes: { minimumAge: 18 } }],
  });
const FULL = {
  'customer.name': 'Anna Schmidt',
  'customer.email': 'anna.schmidt@example.de',
  'customer.phone': '+4915112345678',
  'customer.dateOfBirth': '1990-04-01',
  'customer.vatId': 'DE123456789',
  'shippingAddress.recipientName': 'Anna Schmidt',
  'shippingAddress.street': 'Invalidenstraße',
  'shippingAddress.houseNumber': '116',
  'shippingAddress.postalCode': '10115',
  'shippingAddress.city': 'Berlin',
  'shippingAddress.country': 'DE',
  'invoiceAddress.recipientName': 'Schmidt Kaffee',
  'invoiceAddress.street': 'Friedrichstraße',
  'invoiceAddress.houseNumber': '1',
  'invoiceAddress.postalCode': '10117',
  'invoiceAddress.city': 'Berlin',
  'invoiceAddress.country': 'DE',
};
const PERSONAL_VALUES = ['Anna', 'Schmidt', 'anna.schmidt', '15112345678', '1990-04-01', '123456789', 'Invalidenstraße', 'Friedrichstraße', '10115', '10117'];

const who = (role: Role, regions: string[], purpose?: string, subject = `${role}-1`): Principal => ({
  role,
  regions,
  subject,
  ...(purpose ? { purpose } : {}),
});

/** Every personal field of an order as the caller sees it: the value, null (never given), or `!REASON` for a withheld or erased field. */
async function view(orderId: string, principal: Principal) {
  const result = await hub.gql(ALL_FIELDS, { r: [{ __typename: 'Order', id: orderId }] }, await hub.token(principal));
  const de = result.data?._entities[0].de;
  const seen: Record<string, unknown> = {};
  for (const field of DE_PERSONAL_FIELDS) {
    const [group, part] = field.split('.') as [string, string];
    seen[field] = de?.[group] === null ? 'NO_DATA' : de?.[group]?.[part];
  }
  for (const error of result.errors ?? []) {
    const key = error.path?.slice(-2).join('.') ?? '';
    if (!(key in seen)) {
      expect(error.extensions?.code).toBe('FORBIDDEN');
      continue;
    }
    seen[key] = `!${error.extensions?.reason}`;
    expect(error.extensions).toEqual({ code: error.extensions?.reason === 'ERASED' ? 'NOT_FOUND' : 'FORBIDDEN', field: key, reason: error.extensions?.reason });
  }
  return { seen, raw: result };
}

describe('field filtering through GraphQL', () => {
  let orderId: string;
  beforeAll(async () => {
    orderId = await hub.place(await hub.token(who('customer', ['de'], undefined, 'cust-view')), fullOrder());
  });

  it.each<[string, Principal, Record<string, unknown>]>([
    ['the customer: everything', who('customer', ['de'], undefined, 'cust-view'), FULL],
    [
      'an operator of DE: who and where, contact and invoice masked',
      who('operator', ['de']),
      {
        'customer.name': 'Anna Schmidt',
        'customer.email': 'a***@example.de',
        'customer.phone': '*********5678',
        'customer.dateOfBirth': '!ROLE_NOT_ALLOWED',
        'customer.vatId': 'DE******789',
        'shippingAddress.street': 'Invalidenstraße',
        'invoiceAddress.recipientName': 'S****** K*****',
        'invoiceAddress.street': '***',
        'invoiceAddress.postalCode': '10***',
        'invoiceAddress.country': 'DE',
      },
    ],
    [
      'the warehouse packing: the label, no phone',
      who('warehouse', ['de'], 'fulfilment'),
      {
        'customer.name': '!ROLE_NOT_ALLOWED',
        'customer.email': '!ROLE_NOT_ALLOWED',
        'customer.phone': '!PURPOSE_NOT_ALLOWED',
        'shippingAddress.recipientName': 'Anna Schmidt',
        'shippingAddress.street': 'Invalidenstraße',
        'shippingAddress.postalCode': '10115',
        'invoiceAddress.street': '!ROLE_NOT_ALLOWED',
      },
    ],
    [
      'the courier delivering: label and phone',
      who('carrier', ['de'], 'delivery'),
      {
        'customer.phone': '+4915112345678',
        'shippingAddress.street': 'Invalidenstraße',
        'customer.email': '!ROLE_NOT_ALLOWED',
      },
    ],
    [
      'the courier without a purpose: nothing',
      who('carrier', ['de']),
      { 'customer.phone': '!PURPOSE_NOT_ALLOWED', 'shippingAddress.street': '!PURPOSE_NOT_ALLOWED' },
    ],
    [
      'customer service without an open case',
      who('customer_service', ['de'], 'support'),
      { 'customer.name': '!NO_OPEN_CASE', 'customer.email': '!NO_OPEN_CASE' },
    ],
    [
      'a tax auditor: the invoice data',
      who('tax_auditor', [], 'tax_audit'),
      {
        'customer.name': 'Anna Schmidt',
        'customer.vatId': 'DE123456789',
        'invoiceAddress.street': 'Friedrichstraße',
        'shippingAddress.country': 'DE',
        'customer.email': '!ROLE_NOT_ALLOWED',
        'shippingAddress.street': '!ROLE_NOT_ALLOWED',
      },
    ],
    ['a tax auditor without the tax-audit purpose', who('tax_auditor', [], 'audit'), { 'customer.name': '!PURPOSE_NOT_ALLOWED' }],
    [
      'bookkeeping of DE: the invoice data',
      who('bookkeeping', ['de'], 'invoicing'),
      {
        'customer.name': 'Anna Schmidt',
        'customer.vatId': 'DE123456789',
        'invoiceAddress.street': 'Friedrichstraße',
        'customer.email': '!ROLE_NOT_ALLOWED',
        'shippingAddress.street': '!ROLE_NOT_ALLOWED',
      },
    ],
    [
      'an auditor: countries only, every identifier withheld for data minimisation',
      who('auditor', [], 'audit'),
      Object.fromEntries(DE_PERSONAL_FIELDS.map((field) => [field, field.endsWith('.country') ? 'DE' : '!DATA_MINIMISATION'])),
    ],
    ['an admin: masked only', who('admin', []), { 'customer.name': 'A*** S******', 'customer.dateOfBirth': '****-**-**', 'shippingAddress.country': 'DE' }],
    ['an internal service: nothing', who('service', []), Object.fromEntries(DE_PERSONAL_FIELDS.map((field) => [field, '!ROLE_NOT_ALLOWED']))],
  ])('%s', async (_label, principal, expected) => {
    const { seen, raw } = await view(orderId, principal);
    expect(seen).toMatchObject(expected);
    const denied = Object.values(seen).filter((value) => typeof value === 'string' && value.startsWith('!'));
    expect(raw.errors ?? []).toHaveLength(denied.length);
    // What a caller may not see is nowhere in the response, errors included.
    const disclosed = new Set(Object.values(seen).filter((v): v is string => typeof v === 'string'));
    for (const value of PERSONAL_VALUES) if (![...disclosed].some((v) => v.includes(value))) expect(JSON.stringify(raw)).not.toContain(value);
  });

  it('gives every auditor the same answer, with nothing that could link two orders of one person', async () => {
    const secondOrder = await hub.place(await hub.token(who('customer', ['de'], undefined, 'cust-view')), fullOrder());
    const first = await view(orderId, who('auditor', []));
    const second = await view(secondOrder, who('auditor', [], 'audit', 'auditor-2'));
    expect(second.seen).toEqual(first.seen);
    expect(JSON.stringify(first.raw.data)).not.toMatch(/psd_|\*\*\*/);
  });

  it('hides the order from staff of other regions', async () => {
    const { raw } = await view(orderId, who('carrier', ['cn'], 'delivery'));
    expect(raw.data._entities[0].de).toBeNull();
    expect(raw.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
  });

  it('shows customer service the contact data only while its own case is open', async () => {
    const agent = who('customer_service', ['de'], 'support', 'agent-7');
    const token = await hub.token(agent);
    const opened = await hub.gql(
      `mutation($input: DeOpenSupportCaseInput!) { openDeSupportCase(input: $input) { id assignee closedAt } }`,
      { input: { orderId, topic: 'DELIVERY' } },
      token,
    );
    expect(opened.data.openDeSupportCase).toMatchObject({ assignee: 'agent-7', closedAt: null });
    expect((await view(orderId, agent)).seen).toMatchObject({
      'customer.email': 'anna.schmidt@example.de',
      'customer.phone': '+4915112345678',
      'customer.dateOfBirth': '!ROLE_NOT_ALLOWED',
    });
    expect((await view(orderId, who('customer_service', ['de'], 'support', 'agent-8'))).seen).toMatchObject({ 'customer.email': '!NO_OPEN_CASE' });
    await hub.gql(`mutation($id: ID!) { closeDeSupportCase(id: $id) { closedAt } }`, { id: opened.data.openDeSupportCase.id }, token);
    expect((await view(orderId, agent)).seen).toMatchObject({ 'customer.email': '!NO_OPEN_CASE' });
  });

  it('records every read, allowed or denied, in one batch per request and without values', async () => {
    await view(orderId, who('warehouse', ['de'], 'fulfilment', 'wh-log'));
    const rows = await hub.sql(`select * from region_de.personal_data_access_log where actor_subject = 'wh-log'`);
    expect(rows).toHaveLength(DE_PERSONAL_FIELDS.length);
    expect(new Set(rows.map((row) => String(row.at))).size).toBe(1); // one INSERT for the whole request
    expect(
      rows
        .filter((row) => row.disclosure === 'FULL')
        .map((row) => row.field)
        .sort(),
    ).toEqual(DE_PERSONAL_FIELDS.filter((f) => f.startsWith('shippingAddress.')).sort());
    expect(rows.find((row) => row.field === 'customer.phone')).toMatchObject({
      order_id: orderId,
      actor_role: 'warehouse',
      purpose: 'fulfilment',
      disclosure: 'DENIED',
      reason: 'PURPOSE_NOT_ALLOWED',
    });
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(rows)).not.toContain(value);
  });
});

describe('marketing consent', () => {
  const CONSENTS = `{ current { channel granted wordingVersion } history { channel action wordingVersion recordedBy } }`;
  it('is given separately with its wording version, revocable, and keeps its history', async () => {
    const customer = await hub.token(who('customer', ['de'], undefined, 'cust-consent'));
    await hub.gql(
      `mutation { grantDeMarketingConsent(input: { channel: EMAIL, wordingVersion: "newsletter-2026-01" }) { current { granted } } }`,
      {},
      customer,
    );
    await hub.gql(
      `mutation { grantDeMarketingConsent(input: { channel: EMAIL, wordingVersion: "newsletter-2026-01" }) { current { granted } } }`,
      {},
      customer,
    );
    const agent = await hub.token(who('customer_service', ['de'], 'support', 'agent-1'));
    await hub.gql(`mutation { revokeDeMarketingConsent(channel: EMAIL, customerRef: "cust-consent") { current { granted } } }`, {}, agent);
    const state = await hub.gql(
      `mutation { grantDeMarketingConsent(input: { channel: EMAIL, wordingVersion: "newsletter-2026-06" }) ${CONSENTS} }`,
      {},
      customer,
    );
    expect(state.data.grantDeMarketingConsent).toEqual({
      current: [{ channel: 'EMAIL', granted: true, wordingVersion: 'newsletter-2026-06' }],
      history: [
        { channel: 'EMAIL', action: 'GRANTED', wordingVersion: 'newsletter-2026-01', recordedBy: 'cust-consent' },
        { channel: 'EMAIL', action: 'REVOKED', wordingVersion: null, recordedBy: 'agent-1' },
        { channel: 'EMAIL', action: 'GRANTED', wordingVersion: 'newsletter-2026-06', recordedBy: 'cust-consent' },
      ],
    });
    const placed = await hub.gql(
      `mutation($input: PlaceDeOrderInput!) { placeDeOrder(input: $input) { id } }`,
      { input: { ...orderInput(), marketingConsent: true } },
      customer,
    );
    // There is no consent box inside the order: consent is given on its own (GDPR art. 7(2), (4)).
    expect(placed.errors?.[0]).toMatchObject({ message: expect.stringContaining('"marketingConsent"'), extensions: { code: 'BAD_USER_INPUT' } });
    const otherCustomer = await hub.token(who('customer', ['de'], undefined, 'cust-other'));
    expect(
      (await hub.gql(`query { deMarketingConsents(customerRef: "cust-consent") { current { granted } } }`, {}, otherCustomer)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
  });
});

describe('data export (art. 20)', () => {
  it('gives the customer their own data as JSON, and nobody else', async () => {
    const customer = await hub.token(who('customer', ['de'], undefined, 'cust-export'));
    const orderId = await hub.place(customer, fullOrder());
    await hub.place(
      await hub.token(who('customer', ['de'], undefined, 'cust-not-me')),
      orderInput({ customer: { name: 'Bernd Bauer', email: 'bernd@example.de' } }),
    );
    await hub.gql(`mutation { grantDeMarketingConsent(input: { channel: PHONE, wordingVersion: "calls-v1" }) { current { granted } } }`, {}, customer);
    const exported = (await hub.gql(`{ deDataExport }`, {}, customer)).data.deDataExport;
    expect(exported).toMatchObject({
      format: 'hub.region-de.personal-data-export',
      version: 1,
      customerRef: 'cust-export',
      orders: [
        {
          orderId,
          currency: 'EUR',
          lines: [{ lineNo: 1, sku: 'WHISKY-1', quantity: 1, unitPrice: 3000, unitTax: 570 }],
          customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de', phone: '+4915112345678', dateOfBirth: '1990-04-01', vatId: 'DE123456789' },
          shippingAddress: { street: 'Invalidenstraße', city: 'Berlin' },
          invoiceAddress: { recipientName: 'Schmidt Kaffee' },
          vat: { scheme: 'DOMESTIC', ratePercent: 19, vatTotal: 570 },
        },
      ],
      marketingConsents: [{ channel: 'PHONE', action: 'GRANTED', wordingVersion: 'calls-v1' }],
      retainedUnderLegalObligation: [],
    });
    expect(JSON.stringify(exported)).not.toContain('Bauer');
    const logged = await hub.sql(`select count(*)::int as n from region_de.personal_data_access_log where actor_subject = 'cust-export' and order_id = ?`, [
      orderId,
    ]);
    expect(logged[0].n).toBe(DE_PERSONAL_FIELDS.length);
    const operator = await hub.token(who('operator', ['de']));
    expect((await hub.gql(`{ deDataExport }`, {}, operator)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('erasure (art. 17) against German retention duties', () => {
  const subject = 'cust-erase';
  let customer: string;
  let delivered: string;
  let cancelledUnpaid: string;
  let open: string;
  const privacyLog = () =>
    hub.sql(`select order_id, action, fields, legal_basis, actor from region_de.de_privacy_log where customer_ref = ? order by id`, [subject]);

  beforeAll(async () => {
    customer = await hub.token(who('customer', ['de'], undefined, subject));
    [delivered, cancelledUnpaid, open] = [
      await hub.place(customer, fullOrder()),
      await hub.place(customer, orderInput()),
      await hub.place(customer, orderInput()),
    ];
    await hub.moveOrder(delivered, ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED']);
    await hub.moveOrder(cancelledUnpaid, ['CANCELLED']);
    await hub.moveOrder(open, []);
    await hub.gql(`mutation { grantDeMarketingConsent(input: { channel: EMAIL, wordingVersion: "v1" }) { current { granted } } }`, {}, customer);
    const preference = await hub.gql(
      `mutation { deNoticePreferenceSet(input: { language: "en", timeZone: "Europe/Lisbon", quietHours: "23:00-06:30" }) { userErrors { code } } }`,
      {},
      customer,
    );
    expect(preference.data.deNoticePreferenceSet.userErrors).toEqual([]);
  });

  it('deletes marketing data at once, restricts what invoices keep, erases the rest, and defers open orders', async () => {
    const report = await hub.gql(`mutation { requestDeErasure { consentEventsDeleted erasedOrders restrictedOrders deferredOrders } }`, {}, customer);
    expect(report.data.requestDeErasure).toEqual({ consentEventsDeleted: 1, erasedOrders: 1, restrictedOrders: 1, deferredOrders: 1 });

    // The customer still sees what is kept about them (art. 15); erased fields say so.
    expect((await view(delivered, who('customer', ['de'], undefined, subject))).seen).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'customer.vatId': 'DE123456789',
      'invoiceAddress.street': 'Friedrichstraße',
      'customer.email': '!ERASED',
      'customer.phone': '!ERASED',
      'shippingAddress.street': '!ERASED',
    });
    // Operational views: what invoices keep is RESTRICTED, the rest is gone; bookkeeping still books the invoice.
    expect((await view(delivered, who('operator', ['de']))).seen).toMatchObject({ 'customer.name': '!RESTRICTED', 'shippingAddress.street': '!ERASED' });
    expect((await view(delivered, who('bookkeeping', ['de'], 'invoicing'))).seen).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'invoiceAddress.recipientName': 'Schmidt Kaffee',
      'customer.email': '!ROLE_NOT_ALLOWED',
    });
    expect((await view(delivered, who('tax_auditor', [], 'tax_audit'))).seen).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'customer.vatId': 'DE123456789',
      'invoiceAddress.recipientName': 'Schmidt Kaffee',
      'invoiceAddress.street': 'Friedrichstraße',
      'customer.email': '!ROLE_NOT_ALLOWED',
    });
    // Erased and never given are told apart: the phone of this order was never given.
    expect((await view(cancelledUnpaid, who('customer', ['de'], undefined, subject))).seen).toMatchObject({
      'customer.name': '!ERASED',
      'customer.email': '!ERASED',
      'customer.phone': null,
      'customer.vatId': null,
      'invoiceAddress.street': '!ERASED',
    });
    expect((await view(open, who('customer', ['de'], undefined, subject))).seen['customer.email']).toBe('anna.schmidt@example.de');

    const log = await privacyLog();
    expect(log.map((row) => [row.order_id, row.action])).toEqual([
      [null, 'CONSENTS_ERASED'],
      [null, 'ERASED'],
      [delivered, 'RESTRICTED'],
      [delivered, 'ERASED'],
      [cancelledUnpaid, 'ERASED'],
      [open, 'ERASURE_DEFERRED'],
    ]);
    // The notice preference goes at once, with the personal data it sits beside.
    expect(log[1]).toMatchObject({ fields: ['noticePreference'], actor: subject });
    expect(await hub.sql(`select 1 from region_de.notice_preference where customer_ref = ?`, [subject])).toEqual([]);
    expect((await hub.gql(`{ deNoticePreference { language } }`, {}, customer)).data.deNoticePreference).toBeNull();
    expect(log[2]).toMatchObject({ fields: expect.arrayContaining(['customer.name', 'invoiceAddress.street']), actor: subject });
    expect(log[2].legal_basis).toContain('§14b(1) UStG');
    expect(log[2].legal_basis).toContain(`kept until ${yearOf(berlinDate(new Date())) + 8}-12-31`);
    for (const row of log) expect(row.legal_basis).toMatch(/GDPR/);
    for (const value of PERSONAL_VALUES) expect(JSON.stringify(log)).not.toContain(value);

    // Art. 15(3): the copy includes the values kept under the retention duty.
    const exported = (await hub.gql(`{ deDataExport }`, {}, customer)).data.deDataExport;
    expect(exported.retainedUnderLegalObligation).toEqual([
      {
        orderId: delivered,
        customer: { name: 'Anna Schmidt', vatId: 'DE123456789' },
        invoiceAddress: { recipientName: 'Schmidt Kaffee', street: 'Friedrichstraße', houseNumber: '1', postalCode: '10117', city: 'Berlin', country: 'DE' },
        invoiceDate: berlinDate(new Date()),
        retainedUntil: `${yearOf(berlinDate(new Date())) + 8}-12-31`,
        legalBasis: expect.stringContaining('§14b UStG'),
      },
    ]);
  });

  it('completes a deferred erasure when the order closes', async () => {
    await hub.moveOrder(open, ['PAID', 'CANCELLED']);
    const log = await privacyLog();
    expect(log.slice(-2).map((row) => [row.order_id, row.action, row.actor])).toEqual([
      [open, 'RESTRICTED', 'system:region-de-erasure'],
      [open, 'ERASED', 'system:region-de-erasure'],
    ]);
    expect((await view(open, who('customer', ['de'], undefined, subject))).seen).toMatchObject({
      'customer.name': 'Anna Schmidt',
      'customer.email': '!ERASED',
      'customer.phone': null,
    });
    expect((await view(open, who('operator', ['de']))).seen).toMatchObject({
      'customer.name': '!RESTRICTED',
      'customer.email': '!ERASED',
      'customer.phone': null,
    });
  });

  it("deletes restricted data when the retention period ends, counted from the end of the document's year", async () => {
    const endYear = yearOf(berlinDate(new Date())) + 8;
    expect(await runRetentionJob(hub.region.orm, new Date(`${endYear}-12-31T22:59:59Z`))).toBe(0); // 23:59:59 on 31 December in Germany
    expect((await view(delivered, who('tax_auditor', [], 'tax_audit'))).seen['customer.name']).toBe('Anna Schmidt');
    expect(await runRetentionJob(hub.region.orm, new Date(`${endYear}-12-31T23:00:00Z`))).toBe(2); // midnight in Germany
    expect(await runRetentionJob(hub.region.orm, new Date(`${endYear + 1}-06-01T00:00:00Z`))).toBe(0);
    expect((await view(delivered, who('tax_auditor', [], 'tax_audit'))).seen).toMatchObject({ 'customer.name': '!ERASED', 'invoiceAddress.street': '!ERASED' });
    const deleted = (await privacyLog()).filter((row) => row.action === 'DELETED');
    expect(deleted.map((row) => row.order_id).sort()).toEqual([delivered, open].sort());
    expect(deleted[0]).toMatchObject({ actor: 'system:region-de-retention-job', legal_basis: expect.stringContaining(`ended on ${endYear}-12-31`) });
    expect((await hub.gql(`{ deDataExport }`, {}, customer)).data.deDataExport.retainedUnderLegalObligation).toEqual([]);
  });

  it("keeps invoice data from the end of the year the invoice was issued, not from the order's last change", async () => {
    const late = who('customer', ['de'], undefined, 'cust-december');
    const orderId = await hub.place(await hub.token(late), fullOrder());
    await hub.moveOrder(orderId, ['PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED']);
    // Paid (invoiced) on 30 December, delivered in January: region-de's copy of the timeline, moved back in time.
    const invoiceYear = yearOf(berlinDate(new Date())) - 1;
    await hub.sql(
      `update region_de.regional_order_status_event set "at" = case when to_status = 'PAID' then ?::timestamptz else ?::timestamptz end where order_id = ?`,
      [`${invoiceYear}-12-30T10:00:00Z`, `${invoiceYear + 1}-01-05T10:00:00Z`, orderId],
    );
    await hub.gql(`mutation { requestDeErasure { restrictedOrders } }`, {}, await hub.token(late));
    const [kept] = await hub.sql(`select to_char(document_date, 'YYYY-MM-DD') as document_date from region_de.de_restricted_invoice_data where order_id = ?`, [
      orderId,
    ]);
    expect(kept.document_date).toBe(`${invoiceYear}-12-30`);
    const [restricted] = await hub.sql(`select legal_basis from region_de.de_privacy_log where order_id = ? and action = 'RESTRICTED'`, [orderId]);
    expect(restricted.legal_basis).toContain(`kept until ${invoiceYear + 8}-12-31`);
  });

  it('lets staff of region de file a request for a customer, and nobody erase someone else', async () => {
    const other = await hub.token(who('customer', ['de'], undefined, 'cust-someone'));
    expect((await hub.gql(`mutation { requestDeErasure(customerRef: "${subject}") { erasedOrders } }`, {}, other)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const cnAgent = await hub.token(who('customer_service', ['cn'], 'support'));
    expect((await hub.gql(`mutation { requestDeErasure(customerRef: "${subject}") { erasedOrders } }`, {}, cnAgent)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    const deAgent = await hub.token(who('customer_service', ['de'], 'support'));
    expect(
      (await hub.gql(`mutation { requestDeErasure(customerRef: "${subject}") { erasedOrders restrictedOrders } }`, {}, deAgent)).data.requestDeErasure,
    ).toEqual({ erasedOrders: 0, restrictedOrders: 0 });
  });
});

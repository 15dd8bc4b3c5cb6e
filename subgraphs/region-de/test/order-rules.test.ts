import { randomUUID } from 'node:crypto';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { publishTestRuleSet, testRuleSet } from '@hub/shared/testing/test-rule-sets';
import { postGraphQL } from '@hub/shared/testing/harness';
import { orderInput, startDeTestHub, type DeTestHub } from './de-test-kit.js';

/**
 * Order rules at the edge (issue 14, item 4): a cross-border compliance check published as order-rules replicates it
 * reaches region-de's copy and is evaluated in its placement pipeline, in memory; the order records the version used.
 */
let hub: DeTestHub;
const applied = new Map<string, () => void>();
const seen = new Set<string>();
const whenApplied = (ruleSet: string, publication: number) =>
  new Promise<void>((resolve, reject) => {
    const key = `${ruleSet}:${publication}`;
    if (seen.has(key)) return resolve();
    const timer = setTimeout(() => reject(new Error(`${key} not applied in time`)), 10_000);
    applied.set(key, () => {
      clearTimeout(timer);
      resolve();
    });
  });

beforeAll(async () => {
  hub = await startDeTestHub(
    'de-rules',
    {},
    {},
    {
      onRulesApplied: ({ ruleSet, publication }) => {
        const key = `${ruleSet}:${publication}`;
        seen.add(key);
        applied.get(key)?.();
      },
    },
  );
});
afterAll(async () => hub?.close());

const MESSAGE = 'Cross-border orders to Austria need the 2025 compliance declaration; the shop cannot ship them yet.';
const crossBorderCheck = (publication: number): RuleSetPublication => ({
  ruleSet: 'eu-cross-border-check',
  module: 'VALIDATION',
  scope: { region: 'de', channel: null, customerSegment: null },
  publication,
  publishedAt: new Date().toISOString(),
  versions: [
    {
      version: 1,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
      effectiveTo: null,
      rules: [
        {
          id: 'at-compliance',
          description: 'EU 2025 cross-border compliance check for Austria',
          priority: 1,
          message: MESSAGE,
          code: 'CROSS_BORDER_DECLARATION_MISSING',
          condition: `order.originCountry != order.destinationCountry && order.destinationCountry == 'AT'`,
        },
      ],
    },
  ],
});

const PLACE = `mutation($input: PlaceDeOrderInput!) { deOrderPlace(input: $input) { order { id } userErrors { code field message } } }`;
const VIEW = `query($id: ID!) { deOrder(id: $id) { de { rulesHandledWith { ruleSet version publication } rulesMayHaveBeenBehind } } }`;
const toAustria = { recipientName: 'Anna Schmidt', street: 'Stephansplatz', houseNumber: '1', postalCode: '1010', city: 'Wien', country: 'AT' };
const lines = [{ sku: 'KAFFEE-1', name: 'Kaffeebohnen 1 kg', quantity: 2 }];

it("refuses a matching order with the rule's message and stores nothing; places the others, recording the version used", async () => {
  const held = whenApplied('eu-cross-border-check', 1);
  await publishTestRuleSet(hub.scope.env, crossBorderCheck(1));
  await held;
  expect(hub.region.rules.holdings()).toEqual([{ ruleSet: 'eu-cross-border-check', module: 'VALIDATION', publication: 1, versions: [1] }]);

  const subject = `cust-de-rules-${randomUUID()}`;
  const token = await hub.token({ subject, role: 'customer', regions: ['de'] });
  const refused = await hub.gql(PLACE, { input: orderInput({ shippingAddress: toAustria, lines }) }, token);
  expect(refused.errors).toBeUndefined();
  expect(refused.data.deOrderPlace).toEqual({ order: null, userErrors: [{ code: 'ORDER_RULE_REFUSED', field: null, message: MESSAGE }] });
  const [stored] = await hub.sql(`select count(*)::int as n from region_de.regional_order where customer_ref = ?`, [subject]);
  expect(stored.n).toBe(0);

  const placed = await hub.gql(PLACE, { input: orderInput({ lines }) }, token);
  expect(placed.data.deOrderPlace.userErrors).toEqual([]);
  const view = await hub.gql(VIEW, { id: placed.data.deOrderPlace.order.id }, token);
  expect(view.errors).toBeUndefined();
  expect(view.data.deOrder.de).toEqual({
    rulesHandledWith: [{ ruleSet: 'eu-cross-border-check', version: 1, publication: 1 }],
    rulesMayHaveBeenBehind: false,
  });
});

it('answers a retry of its idempotency key with the order taken in, even when a newer publication would now refuse it', async () => {
  const token = await hub.token({ subject: `cust-de-rules-${randomUUID()}`, role: 'customer', regions: ['de'] });
  const input = orderInput({ shippingAddress: toAustria, lines });
  const retired: RuleSetPublication = { ...crossBorderCheck(2), versions: [] };
  const before = whenApplied('eu-cross-border-check', 2);
  await publishTestRuleSet(hub.scope.env, retired);
  await before;
  const placed = await hub.gql(PLACE, { input }, token);
  expect(placed.data.deOrderPlace.userErrors).toEqual([]);
  const orderId = placed.data.deOrderPlace.order.id;

  const back = whenApplied('eu-cross-border-check', 3);
  await publishTestRuleSet(hub.scope.env, crossBorderCheck(3));
  await back;
  const retried = await hub.gql(PLACE, { input }, token);
  expect(retried.data.deOrderPlace).toEqual({ order: { id: orderId }, userErrors: [] });
  const view = await hub.gql(VIEW, { id: orderId }, token);
  expect(view.data.deOrder.de).toEqual({ rulesHandledWith: [], rulesMayHaveBeenBehind: false });
});

const summerSale = testRuleSet({
  region: 'de',
  ruleSet: 'de-summer-sale',
  module: 'PRICING',
  rules: [{ id: 'five-off', message: '5 € off orders from 20 €', condition: 'order.itemsTotal >= 2000', value: '500' }],
});

it('applies a published promotion: the discount lowers the VAT base, and the region and core both name the rule version that gave it', async () => {
  const held = whenApplied('de-summer-sale', 1);
  await publishTestRuleSet(hub.scope.env, summerSale);
  await held;
  const token = await hub.token({ subject: `cust-de-rules-${randomUUID()}`, role: 'customer', regions: ['de'] });
  const placed = await hub.gql(PLACE, { input: orderInput({ lines }) }, token);
  expect(placed.data.deOrderPlace.userErrors).toEqual([]);
  const orderId = placed.data.deOrderPlace.order.id;

  const promotion = { kind: 'DISCOUNT', ruleSet: 'de-summer-sale', version: 1, ruleId: 'five-off', label: '5 € off orders from 20 €', amount: 500, sku: null };
  const view = await hub.gql(
    `query($id: ID!) { deOrder(id: $id) { de { grandTotal promotionsApplied { kind ruleSet version ruleId label amount sku } } } }`,
    { id: orderId },
    token,
  );
  expect(view.errors).toBeUndefined();
  expect(view.data.deOrder.de.promotionsApplied).toEqual([promotion]);

  await hub.region.commands.whenIdle();
  const admin = await hub.token({ subject: 'admin-rules', role: 'admin', regions: [] });
  const core = await postGraphQL(
    hub.core.url,
    `query($id: ID!) { order(id: $id) { totals { itemsTotal taxTotal discountTotal grandTotal } lines { unitPrice unitTax discount discountTax lineTotal } promotions { kind ruleSet version ruleId label amount sku } } }`,
    { id: orderId },
    admin,
  );
  expect(core.errors).toBeUndefined();
  // 2 × 14.99 € at 19 %: 5 € off the net leaves VAT on 24.98 € (5.70 € − 0.95 €); the customer pays what the region said.
  expect(core.data.order.lines).toEqual([{ unitPrice: 1499, unitTax: 285, discount: 500, discountTax: 95, lineTotal: 2998 + 570 - 500 - 95 }]);
  expect(core.data.order.totals).toMatchObject({ itemsTotal: 2998, taxTotal: 475, discountTotal: 500, grandTotal: view.data.deOrder.de.grandTotal });
  expect(core.data.order.promotions).toEqual([promotion]);
});

const bigOrderReview = testRuleSet({
  region: 'de',
  ruleSet: 'de-big-order-review',
  module: 'HOLD',
  rules: [{ id: 'over-1000-eur', message: 'Orders over 1,000 € are reviewed twice', condition: 'pricing.payableTotal > 100000', value: '2' }],
});

it('holds a matching order for two different approvers: each approval is a timeline step with its actor, the last releases it to fulfilment', async () => {
  const held = whenApplied('de-big-order-review', 1);
  await publishTestRuleSet(hub.scope.env, bigOrderReview);
  await held;
  const token = await hub.token({ subject: `cust-de-rules-${randomUUID()}`, role: 'customer', regions: ['de'] });
  const placed = await hub.gql(PLACE, { input: orderInput({ lines: [{ sku: 'SKU-500000', name: 'Article', quantity: 1 }] }) }, token);
  expect(placed.data.deOrderPlace.userErrors).toEqual([]);
  const orderId = placed.data.deOrderPlace.order.id;
  const view = await hub.gql(`query($id: ID!) { deOrder(id: $id) { de { holdLevels } } }`, { id: orderId }, token);
  expect(view.data.deOrder.de.holdLevels).toBe(2);
  await hub.region.commands.whenIdle();

  const ORDER = `query($id: ID!) { order(id: $id) { version hold { levels reasons { ruleSet version ruleId message } approvals { level actor { subject } note } releasedAt }
    timeline { note actor { subject } } } }`;
  const APPROVE = `mutation($input: OrderHoldApproveInput!) { orderHoldApprove(input: $input) { order { version hold { releasedAt } } userErrors { code message } } }`;
  const ana = await hub.token({ subject: 'ops-ana', role: 'operator', regions: ['de'] });
  const ben = await hub.token({ subject: 'ops-ben', role: 'operator', regions: ['de'] });
  const core = (query: string, variables: Record<string, unknown>, as: string) => postGraphQL(hub.core.url, query, variables, as);
  const before = (await core(ORDER, { id: orderId }, ana)).data.order;
  expect(before.hold).toEqual({
    levels: 2,
    reasons: [{ ruleSet: 'de-big-order-review', version: 1, ruleId: 'over-1000-eur', message: 'Orders over 1,000 € are reviewed twice' }],
    approvals: [],
    releasedAt: null,
  });
  expect(before.timeline[0].note).toContain('Held for review (2 approvals)');
  const INBOX = `{ heldOrdersAwaitingMyApproval(first: 50) { id } }`;
  const inboxOf = async (as: string) => ((await core(INBOX, {}, as)).data.heldOrdersAwaitingMyApproval as Array<{ id: string }>).map((order) => order.id);
  const approvalRequests = async () =>
    (
      await hub.sql(`select subject, payload from core_orders.outbox_event where message_id like ? order by id`, [`order.hold-awaiting-approval:${orderId}:%`])
    ).map((row: { subject: string; payload: Record<string, unknown> }) => ({ subject: row.subject, ...row.payload }));
  expect(await inboxOf(ana)).toContain(orderId);
  expect(await inboxOf(await hub.token({ subject: 'ops-cn', role: 'operator', regions: ['cn'] }))).not.toContain(orderId);
  const [firstLevel] = await approvalRequests();
  expect(firstLevel).toMatchObject({
    subject: `${hub.scope.env.NATS_NAMESPACE}.approvals.v1.hold-awaiting.de`,
    type: 'order.hold-awaiting-approval',
    orderId,
    level: 1,
    levels: 2,
    approverRoles: ['admin', 'operator'],
    version: before.version,
  });
  // Roles and rules, never the customer: no reference, name or address travels to approvers.
  expect(JSON.stringify(firstLevel)).not.toMatch(/cust-de-rules|Anna|Invalidenstra/);
  const [placedEvent] = await hub.sql(`select payload from core_orders.outbox_event where message_id = ?`, [`order.placed:${orderId}:1`]);
  expect(placedEvent.payload.held).toBe(true);

  const first = (await core(APPROVE, { input: { orderId, expectedVersion: before.version, note: 'buyer known' } }, ana)).data.orderHoldApprove;
  expect(first.userErrors).toEqual([]);
  expect(first.order.hold.releasedAt).toBeNull();
  const again = (await core(APPROVE, { input: { orderId, expectedVersion: first.order.version } }, ana)).data.orderHoldApprove;
  expect(again.userErrors).toEqual([{ code: 'CONFLICT', message: 'Each approval level of a hold needs a different approver' }]);
  expect(await inboxOf(ana)).not.toContain(orderId);
  expect(await inboxOf(ben)).toContain(orderId);
  expect((await approvalRequests()).map((request: Record<string, unknown>) => [request.level, request.version])).toEqual([
    [1, before.version],
    [2, first.order.version],
  ]);
  const second = (await core(APPROVE, { input: { orderId, expectedVersion: first.order.version } }, ben)).data.orderHoldApprove;
  expect(second.userErrors).toEqual([]);
  expect(second.order.hold.releasedAt).not.toBeNull();
  expect(await inboxOf(ben)).not.toContain(orderId);
  expect(await approvalRequests()).toHaveLength(2);

  const after = (await core(ORDER, { id: orderId }, ana)).data.order;
  expect(after.hold.approvals).toEqual([
    { level: 1, actor: { subject: 'ops-ana' }, note: 'buyer known' },
    { level: 2, actor: { subject: 'ops-ben' }, note: null },
  ]);
  expect(after.timeline.slice(1)).toEqual([
    { note: 'Hold approved (1/2): buyer known', actor: { subject: 'ops-ana' } },
    { note: 'Hold approved (2/2), released for fulfilment', actor: { subject: 'ops-ben' } },
  ]);
  const [released] = await hub.sql(`select payload from core_orders.outbox_event where message_id = ?`, [`order.placed:${orderId}:${after.version}`]);
  expect(released.payload).toMatchObject({ type: 'order.placed', held: false, version: after.version });
});

it('acts on the lock, invoice and notification modules: fulfilment gets the facts and the lock, bookkeeping the template, notices follow the rules', async () => {
  const sets = [
    testRuleSet({
      region: 'de',
      ruleSet: 'de-presale-lock',
      module: 'INVENTORY_LOCK',
      version: 2,
      rules: [{ id: 'presale', message: 'Presale stock waits 45 minutes for payment', condition: 'true', value: '45', target: 'REFUSE' }],
    }),
    testRuleSet({
      region: 'de',
      ruleSet: 'de-invoices',
      module: 'INVOICE',
      rules: [
        { id: 'coffee', message: 'Coffee invoices show the origin', condition: 'order.lines.exists(l, l.sku == "KAFFEE-1")', value: '"de-coffee-origin"' },
      ],
    }),
    testRuleSet({
      region: 'de',
      ruleSet: 'de-quiet-consumers',
      module: 'NOTIFICATION',
      rules: [
        {
          id: 'no-steps',
          message: 'Consumers hear of delays only',
          condition: 'order.customerSegment == "consumer"',
          value: '"JOURNEY_STEP"',
          target: 'SUPPRESS',
        },
      ],
    }),
  ];
  const arrived = sets.map((set) => whenApplied(set.ruleSet, 1));
  for (const set of sets) await publishTestRuleSet(hub.scope.env, set);
  await Promise.all(arrived);
  const token = await hub.token({ subject: `cust-de-rules-${randomUUID()}`, role: 'customer', regions: ['de'] });
  const placed = await hub.gql(PLACE, { input: orderInput({ lines }) }, token);
  expect(placed.data.deOrderPlace.userErrors).toEqual([]);
  const orderId = placed.data.deOrderPlace.order.id;

  const view = await hub.gql(
    `query($id: ID!) { deOrder(id: $id) { de { invoiceTemplate invoiceTemplateRules { ruleSet version } rulesHandledWith { ruleSet } } } }`,
    { id: orderId },
    token,
  );
  expect(view.errors).toBeUndefined();
  expect(view.data.deOrder.de).toMatchObject({ invoiceTemplate: 'de-coffee-origin', invoiceTemplateRules: [{ ruleSet: 'de-invoices', version: 1 }] });
  expect(view.data.deOrder.de.rulesHandledWith.map((used: { ruleSet: string }) => used.ruleSet)).toEqual(
    expect.arrayContaining(['de-presale-lock', 'de-invoices', 'de-quiet-consumers']),
  );

  // Fulfilment learns the lock and the facts its allocation-weight rules read from core's order.placed.
  await hub.region.commands.whenIdle();
  const [event] = await hub.sql(`select payload from core_orders.outbox_event where message_id = ?`, [`order.placed:${orderId}:1`]);
  expect(event.payload.ruleFacts).toEqual({
    customerSegment: 'consumer',
    originCountry: 'DE',
    destinationCountry: 'DE',
    paymentTerms: 'PREPAID',
    itemsTotal: 2998,
    shippingTotal: expect.any(Number),
    grandTotal: expect.any(Number),
    discountTotal: 500,
    payableTotal: expect.any(Number),
    lines: [{ sku: 'KAFFEE-1', quantity: 2, unitPrice: 1499, category: expect.any(String), hazardous: false }],
    inventoryLock: { holdMinutes: 45, onShortage: 'REFUSE', versions: [{ ruleSet: 'de-presale-lock', version: 2, publication: 1 }] },
  });
  expect(JSON.stringify(event.payload.ruleFacts)).not.toMatch(/cust-de-rules|Anna|Invalidenstra/);

  // The region's notice consumer reads this decision for every notice about the order (shared/test/notice-consumer.test.ts).
  const [stored] = await hub.sql(`select rules_handled_with->'notification' as notification from region_de.regional_order where order_id = ?`, [orderId]);
  expect(stored.notification).toEqual({
    notices: [],
    suppressed: ['JOURNEY_STEP'],
    urgent: [],
    versions: [{ ruleSet: 'de-quiet-consumers', version: 1, publication: 1 }],
  });
});

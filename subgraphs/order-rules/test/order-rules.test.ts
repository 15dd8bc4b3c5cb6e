import { jetstream } from '@nats-io/jetstream';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { rulesSubjectsFor } from '@hub/shared/rules/replication/rules-contracts';
import { orderEventMessageId } from '@hub/shared/messaging/contracts';
import type { OrderContext } from '@hub/shared/rules/domain/order-context';
import { evaluateNotificationRules, evaluateValidationRules } from '@hub/shared/rules/domain/rule-evaluation';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import type { RulesReplica } from '@hub/shared/rules/replication/rules-replica';
import { waitFor } from '@hub/shared/testing/harness';
import { CREATE_SET, DRAFT, placedEvent, startRulesTestHub, step, type RulesTestHub } from './order-rules-hub.js';

let hub: RulesTestHub;
let replica: RulesReplica;
let received: Array<(publication: RuleSetPublication) => void> = [];
const hour = 3600 * 1000;
const sinceYesterday = () => new Date(Date.now() - 24 * hour).toISOString();

beforeAll(async () => {
  hub = await startRulesTestHub('order-rules');
  replica = hub.openReplica('region-de', (publication) => received.forEach((listener) => listener(publication)));
  await replica.start();
});

afterAll(async () => {
  await replica?.stop();
  await hub?.close();
});

/** Resolves once the replica has applied the given publication of the rule set. */
function replicaReceives(ruleSet: string, publication: number) {
  const waiter = waitFor<RuleSetPublication>((p) => p.ruleSet === ruleSet && p.publication >= publication);
  received.push(waiter.push);
  return waiter.done.finally(() => {
    received = received.filter((listener) => listener !== waiter.push);
  });
}

const order = (changes: Partial<OrderContext> = {}): OrderContext => ({
  region: 'de',
  channel: 'WEB',
  currency: 'EUR',
  customerSegment: 'consumer',
  originCountry: 'DE',
  destinationCountry: 'DE',
  paymentTerms: 'PREPAID',
  itemsTotal: 12_000,
  shippingTotal: 495,
  grandTotal: 12_495,
  lines: [{ sku: 'BATT-01-1', quantity: 1, unitPrice: 12_000, category: 'ELECTRONICS', hazardous: true }],
  ...changes,
});

const complianceRule = {
  key: 'battery-cross-border',
  description: 'EU 2025 cross-border check for lithium batteries',
  condition: 'order.originCountry != order.destinationCountry && order.lines.exists(l, l.hazardous && l.category == "ELECTRONICS")',
  code: 'CROSS_BORDER_BATTERY_DECLARATION',
  message: 'Lithium batteries shipped across an EU border need a UN38.3 declaration; this order cannot be placed yet.',
  priority: 0,
};

async function approveTwiceAndActivate(versionId: string, revision: number, supersede = false) {
  const first = await hub.gql(hub.tokens.approver1, step('ruleVersionApprove'), { input: { versionId, expectedRevision: revision } });
  const second = await hub.gql(hub.tokens.approver2, step('ruleVersionApprove'), {
    input: { versionId, expectedRevision: first.data.ruleVersionApprove.version.revision },
  });
  expect(second.data.ruleVersionApprove.version.status).toBe('APPROVED');
  return hub.gql(hub.tokens.approver1, step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
    input: { versionId, expectedRevision: second.data.ruleVersionApprove.version.revision, supersede },
  });
}

describe('a regulation as a rule, without deployment', () => {
  let v1: { id: string; revision: number };

  it('refuses a rule that names an unknown field, with the position', async () => {
    await hub.gql(hub.tokens.editor, CREATE_SET, {
      input: { key: 'eu-compliance', name: 'EU compliance checks', module: 'VALIDATION', scope: { region: 'de' } },
    });
    const result = await hub.gql(hub.tokens.editor, DRAFT, {
      input: {
        ruleSetKey: 'eu-compliance',
        effectiveFrom: sinceYesterday(),
        rules: [{ ...complianceRule, condition: 'order.originCountry != order.destinationCountri' }],
      },
    });
    expect(result.data.ruleVersionDraft).toEqual({
      version: null,
      problems: [
        {
          code: 'RULE_TYPE_ERROR',
          field: ['input', 'rules', '0', 'condition'],
          message: 'No such key: destinationCountri at line 1, column 30',
          position: { line: 1, column: 30, offset: 29 },
        },
      ],
      userErrors: [{ code: 'RULE_TYPE_ERROR', field: ['input', 'rules', '0', 'condition'], message: 'No such key: destinationCountri at line 1, column 30' }],
    });
  });

  it('drafts, reviews with four eyes (two approvers for validation), activates, and the region refuses the next matching order', async () => {
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: { ruleSetKey: 'eu-compliance', effectiveFrom: sinceYesterday(), rules: [complianceRule] },
    });
    expect(drafted.data.ruleVersionDraft.userErrors).toEqual([]);
    v1 = drafted.data.ruleVersionDraft.version;
    expect(v1).toMatchObject({ number: 1, status: 'DRAFT' });
    expect(evaluateValidationRules(replica, order({ destinationCountry: 'FR' })).accepted).toBe(true);

    const submitted = await hub.gql(hub.tokens.editor, step('ruleVersionSubmit'), { input: { versionId: v1.id, expectedRevision: v1.revision } });
    expect(submitted.data.ruleVersionSubmit.version.status).toBe('IN_REVIEW');
    const byEditor = await hub.gql(hub.tokens.editor, step('ruleVersionApprove'), { input: { versionId: v1.id, expectedRevision: 2 } });
    expect(byEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const first = await hub.gql(hub.tokens.approver1, step('ruleVersionApprove'), { input: { versionId: v1.id, expectedRevision: 2 } });
    expect(first.data.ruleVersionApprove.version).toMatchObject({ status: 'IN_REVIEW', approvals: [{ approver: 'approver-ada' }] });
    const twice = await hub.gql(hub.tokens.approver1, step('ruleVersionApprove'), { input: { versionId: v1.id, expectedRevision: 3 } });
    expect(twice.data.ruleVersionApprove.userErrors).toEqual([{ code: 'ALREADY_APPROVED', field: ['input', 'versionId'], message: expect.any(String) }]);
    const early = await hub.gql(hub.tokens.approver1, step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
      input: { versionId: v1.id, expectedRevision: 3 },
    });
    expect(early.data.ruleVersionActivate.userErrors[0].code).toBe('INVALID_STATUS_TRANSITION');
    const second = await hub.gql(hub.tokens.approver2, step('ruleVersionApprove'), { input: { versionId: v1.id, expectedRevision: 3 } });
    expect(second.data.ruleVersionApprove.version.status).toBe('APPROVED');

    const arrived = replicaReceives('eu-compliance', 1);
    const activated = await hub.gql(hub.tokens.approver1, step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
      input: { versionId: v1.id, expectedRevision: 4 },
    });
    expect(activated.data.ruleVersionActivate.version.status).toBe('ACTIVE');
    await arrived;

    const crossBorder = evaluateValidationRules(replica, order({ destinationCountry: 'FR' }));
    expect(crossBorder).toEqual({
      accepted: false,
      refusals: [
        { code: 'CROSS_BORDER_BATTERY_DECLARATION', message: complianceRule.message, ruleSet: 'eu-compliance', version: 1, ruleId: 'battery-cross-border' },
      ],
      handledWith: [{ ruleSet: 'eu-compliance', version: 1, publication: 1 }],
    });
    expect(evaluateValidationRules(replica, order()).accepted).toBe(true);
    expect(evaluateValidationRules(replica, order({ region: 'cn', destinationCountry: 'FR' })).handledWith).toEqual([]);
  });

  it('refuses an overlapping version unless it supersedes, then rolls back instantly as a new version', async () => {
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: {
        ruleSetKey: 'eu-compliance',
        effectiveFrom: new Date(Date.now() - hour).toISOString(),
        rules: [{ ...complianceRule, condition: 'order.originCountry != order.destinationCountry && order.grandTotal > 100000' }],
      },
    });
    const v2 = drafted.data.ruleVersionDraft.version;
    await hub.gql(hub.tokens.editor, step('ruleVersionSubmit'), { input: { versionId: v2.id, expectedRevision: 1 } });
    const overlapping = await approveTwiceAndActivate(v2.id, 2);
    expect(overlapping.data.ruleVersionActivate.userErrors).toEqual([
      { code: 'RULE_VERSION_OVERLAP', field: ['input', 'effectiveFrom'], message: expect.stringContaining('1') },
    ]);

    const arrived = replicaReceives('eu-compliance', 2);
    const superseding = await hub.gql(hub.tokens.approver1, step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
      input: { versionId: v2.id, expectedRevision: 4, supersede: true },
    });
    expect(superseding.data.ruleVersionActivate.userErrors).toEqual([]);
    await arrived;
    expect(evaluateValidationRules(replica, order({ destinationCountry: 'FR' }))).toMatchObject({
      accepted: true,
      handledWith: [{ version: 2, publication: 2 }],
    });
    const first = await hub.gql(hub.tokens.operator, `query($id: ID!) { ruleSetVersion(id: $id) { status effectiveTo } }`, { id: v1.id });
    expect(first.data.ruleSetVersion).toEqual({ status: 'RETIRED', effectiveTo: expect.any(String) });

    const rolledBack = replicaReceives('eu-compliance', 3);
    const rollback = await hub.gql(hub.tokens.approver2, step('ruleSetRollback', 'RollbackRuleSetInput'), {
      input: { ruleSetKey: 'eu-compliance', toVersion: 1 },
    });
    expect(rollback.data.ruleSetRollback.version).toMatchObject({
      number: 3,
      status: 'ACTIVE',
      basedOn: 1,
      rules: [{ key: 'battery-cross-border', condition: complianceRule.condition }],
    });
    await rolledBack;
    expect(evaluateValidationRules(replica, order({ destinationCountry: 'FR' }))).toMatchObject({
      accepted: false,
      handledWith: [{ version: 3, publication: 3 }],
    });

    const trail = await hub.gql(
      hub.tokens.admin,
      `{ ruleAuditTrail(ruleSetKey: "eu-compliance", first: 100) { nodes { action actorId version before after } } }`,
    );
    const actions = trail.data.ruleAuditTrail.nodes.map((n: { action: string }) => n.action);
    expect(actions.slice(0, 3)).toEqual(['version.rolled-back', 'version.superseded', 'version.activated']);
    expect(actions.at(-1)).toBe('rule-set.created');
    await expect(hub.app.orm.em.fork().getConnection().execute(`update order_rules.rule_audit_entry set actor_id = 'someone-else'`)).rejects.toThrow(
      /append-only/,
    );
    expect(trail.data.ruleAuditTrail.nodes.find((n: { action: string; version: number }) => n.action === 'version.activated' && n.version === 1)).toMatchObject(
      { actorId: 'approver-ada', before: { status: 'APPROVED' }, after: { status: 'PUBLISHED', approvals: ['approver-ada', 'approver-bo'] } },
    );
  });

  it('keeps evaluating with the last publication it holds while it receives nothing, and says which', async () => {
    await replica.stop();
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: { ruleSetKey: 'eu-compliance', effectiveFrom: new Date(Date.now() - 60_000).toISOString(), rules: [{ ...complianceRule, condition: 'false' }] },
    });
    const v4 = drafted.data.ruleVersionDraft.version;
    await hub.gql(hub.tokens.editor, step('ruleVersionSubmit'), { input: { versionId: v4.id, expectedRevision: 1 } });
    expect((await approveTwiceAndActivate(v4.id, 2, true)).data.ruleVersionActivate.userErrors).toEqual([]);
    expect(evaluateValidationRules(replica, order({ destinationCountry: 'FR' }))).toMatchObject({
      accepted: false,
      handledWith: [{ version: 3, publication: 3 }],
    });

    const caughtUp = replicaReceives('eu-compliance', 4);
    replica = hub.openReplica('region-de', (publication) => received.forEach((listener) => listener(publication)));
    await replica.start();
    await caughtUp;
    expect(evaluateValidationRules(replica, order({ destinationCountry: 'FR' }))).toMatchObject({
      accepted: true,
      handledWith: [{ version: 4, publication: 4 }],
    });
    expect(replica.holdings()).toEqual([{ ruleSet: 'eu-compliance', module: 'VALIDATION', publication: 4, versions: [4] }]);
  });
});

describe('a publication the region cannot understand', () => {
  it('keeps the previous rules of that set rather than running half-understood ones', async () => {
    const subjects = rulesSubjectsFor(hub.scope.env.NATS_NAMESPACE);
    const js = jetstream(hub.nc);
    const scope = { region: 'de', channel: null, customerSegment: null };
    const unknownField: RuleSetPublication = {
      ruleSet: 'eu-compliance',
      module: 'VALIDATION',
      scope,
      publication: 99,
      publishedAt: new Date().toISOString(),
      versions: [
        {
          version: 99,
          effectiveFrom: sinceYesterday(),
          effectiveTo: null,
          rules: [{ id: 'newer', description: '', condition: 'order.fieldFromTheFuture == "x"', code: 'X', message: 'm', priority: 0 }],
        },
      ],
    };
    const marker: RuleSetPublication = { ...unknownField, ruleSet: 'marker', publication: 1, versions: [] };
    const markerSeen = replicaReceives('marker', 1);
    await js.publish(subjects.ruleSet('eu-compliance'), JSON.stringify(unknownField), { msgID: 'future-99' });
    await js.publish(subjects.ruleSet('marker'), JSON.stringify(marker), { msgID: 'marker-1' });
    await markerSeen;
    expect(replica.holdings().find((held) => held.ruleSet === 'eu-compliance')).toEqual({
      ruleSet: 'eu-compliance',
      module: 'VALIDATION',
      publication: 4,
      versions: [4],
    });
    const [stored] = await hub.regionOrm.em
      .fork()
      .getConnection()
      .execute<Array<{ publication: number }>>(`select publication from region_test.order_rules_replica where rule_set = 'eu-compliance'`);
    expect(stored!.publication).toBe(4);
  });
});

describe('four-eyes and roles', () => {
  it('never lets the author approve, even an admin', async () => {
    await hub.gql(hub.tokens.admin, CREATE_SET, { input: { key: 'de-invoices', name: 'Invoice templates', module: 'INVOICE', scope: { region: 'de' } } });
    const drafted = await hub.gql(hub.tokens.admin, DRAFT, {
      input: {
        ruleSetKey: 'de-invoices',
        effectiveFrom: sinceYesterday(),
        rules: [{ key: 'b2b', condition: 'order.customerSegment == "b2b"', value: '"de-b2b-reverse-charge"', message: 'B2B invoice' }],
      },
    });
    const version = drafted.data.ruleVersionDraft.version;
    await hub.gql(hub.tokens.admin, step('ruleVersionSubmit'), { input: { versionId: version.id, expectedRevision: 1 } });
    const own = await hub.gql(hub.tokens.admin, step('ruleVersionApprove'), { input: { versionId: version.id, expectedRevision: 2 } });
    expect(own.data.ruleVersionApprove.userErrors).toEqual([{ code: 'APPROVER_IS_AUTHOR', field: ['input', 'versionId'], message: expect.any(String) }]);
    const other = await hub.gql(hub.tokens.approver1, step('ruleVersionApprove'), { input: { versionId: version.id, expectedRevision: 2 } });
    expect(other.data.ruleVersionApprove.version.status).toBe('APPROVED');
  });

  it('lets only one of two approvers acting on the same revision at once through', async () => {
    await hub.gql(hub.tokens.editor, CREATE_SET, { input: { key: 'race', name: 'Race', module: 'PRICING', scope: {} } });
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: { ruleSetKey: 'race', effectiveFrom: sinceYesterday(), rules: [{ key: 'r', condition: 'true', value: '1', message: 'one off' }] },
    });
    const version = drafted.data.ruleVersionDraft.version;
    await hub.gql(hub.tokens.editor, step('ruleVersionSubmit'), { input: { versionId: version.id, expectedRevision: 1 } });
    const results = await Promise.all(
      [hub.tokens.approver1, hub.tokens.approver2].map((token) =>
        hub.gql(token, step('ruleVersionApprove'), { input: { versionId: version.id, expectedRevision: 2 } }),
      ),
    );
    const outcomes = results.map((result) => result.data.ruleVersionApprove.userErrors[0]?.code ?? 'OK').sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const now = await hub.gql(hub.tokens.operator, `query($id: ID!) { ruleSetVersion(id: $id) { status approvals { approver } } }`, { id: version.id });
    expect(now.data.ruleSetVersion).toMatchObject({ status: 'IN_REVIEW', approvals: [expect.anything()] });
  });

  it('schedules a version for later: regions hold it and apply it from its start, with no further publication', async () => {
    await hub.gql(hub.tokens.editor, CREATE_SET, {
      input: { key: 'final-payment-reminders', name: 'Presale final payment reminders', module: 'NOTIFICATION', scope: {} },
    });
    const startsAt = new Date(Date.now() + 7 * 24 * hour);
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: {
        ruleSetKey: 'final-payment-reminders',
        effectiveFrom: startsAt.toISOString(),
        rules: [{ key: 'remind', condition: 'order.paymentTerms == "PREPAID"', value: '"final-payment-reminder"', message: 'Remind of the final payment' }],
      },
    });
    const version = drafted.data.ruleVersionDraft.version;
    await hub.gql(hub.tokens.editor, step('ruleVersionSubmit'), { input: { versionId: version.id, expectedRevision: 1 } });
    await hub.gql(hub.tokens.approver2, step('ruleVersionApprove'), { input: { versionId: version.id, expectedRevision: 2 } });
    const arrived = replicaReceives('final-payment-reminders', 1);
    const activated = await hub.gql(hub.tokens.approver1, step('ruleVersionActivate', 'ActivateRuleVersionInput'), {
      input: { versionId: version.id, expectedRevision: 3 },
    });
    expect(activated.data.ruleVersionActivate.version.status).toBe('SCHEDULED');
    await arrived;
    const pricing = { discountTotal: 0, payableTotal: 12_495 };
    expect(evaluateNotificationRules(replica, order(), pricing).notices).toEqual([]);
    expect(evaluateNotificationRules(replica, order(), pricing, new Date(startsAt.getTime() + 1))).toEqual({
      notices: ['final-payment-reminder'],
      suppressed: [],
      urgent: [],
      handledWith: [{ ruleSet: 'final-payment-reminders', version: 1, publication: 1 }],
    });
  });

  it('refuses a validation rule reading the pricing outcome, and a customer changing rules', async () => {
    const early = await hub.gql(hub.tokens.editor, DRAFT, {
      input: { ruleSetKey: 'eu-compliance', effectiveFrom: sinceYesterday(), rules: [{ ...complianceRule, condition: 'pricing.discountTotal > 0' }] },
    });
    expect(early.data.ruleVersionDraft.problems).toEqual([
      expect.objectContaining({ code: 'RULE_MODULE_NOT_ALLOWED', position: { line: 1, column: 1, offset: 0 } }),
    ]);
    const customer = await hub.gql(hub.tokens.customer, CREATE_SET, { input: { key: 'mine', name: 'x', module: 'PRICING', scope: {} } });
    expect(customer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('lists the inputs each module may read, for the editor', async () => {
    const fields = async (module: string) =>
      (await hub.gql(hub.tokens.editor, `query($m: RuleModule!) { ruleInputFields(module: $m) { path type } }`, { m: module })).data.ruleInputFields;
    expect(await fields('VALIDATION')).toEqual(
      expect.arrayContaining([
        { path: 'order.destinationCountry', type: 'string' },
        { path: 'line.hazardous', type: 'bool' },
      ]),
    );
    expect((await fields('VALIDATION')).some((f: { path: string }) => f.path.startsWith('pricing.'))).toBe(false);
    expect(await fields('HOLD')).toEqual(expect.arrayContaining([{ path: 'pricing.payableTotal', type: 'int' }]));
    const map = await hub.gql(hub.tokens.editor, '{ ruleModules { module position dependsOn requiredApprovals } }');
    expect(map.data.ruleModules.slice(0, 3)).toEqual([
      { module: 'VALIDATION', position: 1, dependsOn: [], requiredApprovals: 2 },
      { module: 'PRICING', position: 2, dependsOn: [], requiredApprovals: 2 },
      { module: 'GIFT', position: 3, dependsOn: ['PRICING'], requiredApprovals: 2 },
    ]);
  });

  it('resolves RuleSetVersion references from other subgraphs', async () => {
    const sets = await hub.gql(hub.tokens.operator, `{ ruleSetVersions(ruleSetKey: "eu-compliance", first: 1) { nodes { id number } } }`);
    const newest = sets.data.ruleSetVersions.nodes[0];
    const result = await hub.gql(
      hub.tokens.operator,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on RuleSetVersion { number status } ... on RuleSet { key publication } } }`,
      {
        r: [
          { __typename: 'RuleSetVersion', id: newest.id },
          { __typename: 'RuleSet', key: 'eu-compliance' },
          { __typename: 'RuleSet', key: 'nope' },
        ],
      },
    );
    expect(result.data._entities).toEqual([{ number: newest.number, status: 'ACTIVE' }, { key: 'eu-compliance', publication: 4 }, null]);
  });
});

describe('dry-run against real orders', () => {
  it("replays the last days of orders from core's events, without personal data, and shows which change outcome", async () => {
    const subjects = subjectsFor(hub.scope.env.NATS_NAMESPACE);
    const js = jetstream(hub.nc);
    const placed = (i: number, grandTotal: number, daysAgo: number) =>
      placedEvent({ id: 8000, day: '260101' }, i, grandTotal, new Date(Date.now() - daysAgo * 24 * hour));
    const events = [placed(1, 5_000, 1), placed(2, 250_000, 2), placed(3, 300_000, 40), placed(4, 9_000, 3)];
    for (const event of events) await js.publish(subjects.orderPlaced('de'), JSON.stringify(event), { msgID: orderEventMessageId(event) });
    const stored = async () =>
      Number((await hub.app.orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from order_rules.order_sample'))[0]!.n);
    const { eventually } = await import('@hub/shared/testing/harness');
    await eventually(stored, (n) => n === events.length);
    const personal = await hub.app.orm.em.fork().getConnection().execute(`select * from order_rules.order_sample where lines::text like '%customer-%'`);
    expect(personal).toEqual([]);

    await hub.gql(hub.tokens.editor, CREATE_SET, { input: { key: 'de-limits', name: 'Order limits', module: 'VALIDATION', scope: { region: 'de' } } });
    const drafted = await hub.gql(hub.tokens.editor, DRAFT, {
      input: {
        ruleSetKey: 'de-limits',
        effectiveFrom: sinceYesterday(),
        rules: [
          { key: 'max-value', condition: 'order.grandTotal > 200000', code: 'ORDER_VALUE_LIMIT', message: 'Orders above 2,000 EUR need a sales contact.' },
        ],
      },
    });
    const result = await hub.gql(
      hub.tokens.editor,
      `mutation($input: DryRunRuleVersionInput!) { ruleVersionDryRun(input: $input) { dryRun { ordersEvaluated ordersChanged refusedBefore refusedAfter factsMissingFromHistory changes { orderNumber aspects before { refusalCodes } after { refusalCodes } } } userErrors { code } } }`,
      { input: { versionId: drafted.data.ruleVersionDraft.version.id, days: 30 } },
    );
    expect(result.data.ruleVersionDryRun).toEqual({
      userErrors: [],
      dryRun: {
        ordersEvaluated: 3,
        ordersChanged: 1,
        refusedBefore: 0,
        refusedAfter: 1,
        factsMissingFromHistory: expect.arrayContaining(['destinationCountry']),
        changes: [{ orderNumber: 'DE-260101-000002', aspects: ['REFUSAL'], before: { refusalCodes: [] }, after: { refusalCodes: ['ORDER_VALUE_LIMIT'] } }],
      },
    });
    const status = await hub.gql(hub.tokens.editor, `query($id: ID!) { ruleSetVersion(id: $id) { status } }`, { id: drafted.data.ruleVersionDraft.version.id });
    expect(status.data.ruleSetVersion.status).toBe('DRAFT');

    // Every module's draft shows how it would change the same orders: a presale's payment, a shortage policy, notices.
    const opens = Math.floor((Date.now() + 30 * 24 * hour) / 1000);
    const drafts: Array<[string, string, Array<Record<string, string>>, string, Record<string, unknown>]> = [
      [
        'de-presale',
        'PRESALE',
        [
          { key: 'deposit', condition: 'order.grandTotal > 5000', target: 'DEPOSIT', value: '1000', message: 'deposit 10 EUR' },
          { key: 'expand', condition: 'true', target: 'COUNTS_AS', value: '3000', message: 'counts as 30 EUR' },
          { key: 'opens', condition: 'true', target: 'FINAL_OPENS_AT', value: String(opens), message: 'final payment opens' },
          { key: 'closes', condition: 'true', target: 'FINAL_CLOSES_AT', value: String(opens + 86_400), message: 'final payment closes' },
        ],
        'PAYMENT',
        { payment: { deposit: 1_000, expansion: 2_000, finalDue: 6_000, maxPoints: 0, finalOpensAt: new Date(opens * 1000).toISOString() } },
      ],
      [
        'de-shortage',
        'INVENTORY_LOCK',
        [{ key: 'refuse-short', condition: 'pricing.payableTotal > 5000', target: 'REFUSE', value: '45', message: 'no backorders' }],
        'INVENTORY_LOCK',
        { holdMinutes: 45, shortagePolicy: 'REFUSE' },
      ],
      [
        'de-notices',
        'NOTIFICATION',
        [{ key: 'quiet', condition: 'order.grandTotal > 5000', target: 'SUPPRESS', value: '"DELAY_WARNING"', message: 'no delay warnings' }],
        'NOTIFICATION',
        { noticesSuppressed: ['DELAY_WARNING'] },
      ],
    ];
    for (const [key, module, rules, aspect, after] of drafts) {
      await hub.gql(hub.tokens.editor, CREATE_SET, { input: { key, name: key, module, scope: { region: 'de' } } });
      const draft = await hub.gql(hub.tokens.editor, DRAFT, { input: { ruleSetKey: key, effectiveFrom: sinceYesterday(), rules } });
      expect(draft.data.ruleVersionDraft.problems).toEqual([]);
      const report = await hub.gql(
        hub.tokens.editor,
        `mutation($input: DryRunRuleVersionInput!) { ruleVersionDryRun(input: $input) { dryRun { ordersChanged changes { orderNumber aspects after { payment { deposit expansion finalDue maxPoints finalOpensAt } holdMinutes shortagePolicy noticesSuppressed } } } userErrors { code } } }`,
        { input: { versionId: draft.data.ruleVersionDraft.version.id, days: 30 } },
      );
      expect(report.data.ruleVersionDryRun.userErrors).toEqual([]);
      // The 9,000 order (the oldest in range) changes; the 50.00 one stays as it was.
      const [first] = report.data.ruleVersionDryRun.dryRun.changes;
      expect({ module, changed: report.data.ruleVersionDryRun.dryRun.ordersChanged, first }).toEqual({
        module,
        changed: 2,
        first: { orderNumber: 'DE-260101-000004', aspects: [aspect], after: expect.objectContaining(after) },
      });
    }
  });
});

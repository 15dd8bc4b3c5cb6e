import { randomUUID } from 'node:crypto';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { publishTestRuleSet } from '@hub/shared/testing/test-rule-sets';
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

it('does not evaluate again when a placement is retried with its idempotency key, even under a newer publication', async () => {
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

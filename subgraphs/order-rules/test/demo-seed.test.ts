import { createDemoSeedContext } from '@hub/shared/demo/demo-seed';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { decidePlacementRules } from '@hub/shared/rules/placement-rules';
import { waitFor } from '@hub/shared/testing/harness';
// @ts-expect-error: the seed is a plain ES module, run by `npm start` as it is
import { seedDemo } from '../demo-seed.mjs';
import { startRulesTestHub, type RulesTestHub } from './order-rules-hub.js';

let hub: RulesTestHub;
beforeAll(async () => {
  hub = await startRulesTestHub('order-rules-seed');
});
afterAll(async () => {
  await hub?.close();
});

it('seeds published rule sets once, which a region replica receives and applies in placement', async () => {
  const env = hub.scope.env;
  const context = createDemoSeedContext(`${hub.app.url}/graphql`, { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE }, () => {});
  const all = waitFor<Set<string>>((keys) => keys.size === 5);
  const keys = new Set<string>();
  const replica = hub.openReplica('region-cn', (publication: RuleSetPublication) => all.push(keys.add(publication.ruleSet)));
  await replica.start();
  await seedDemo(context);
  await seedDemo(context);
  await all.done;
  const decision = decidePlacementRules(replica, {
    region: 'cn',
    channel: 'MINI_PROGRAM',
    currency: 'CNY',
    customerSegment: 'consumer',
    originCountry: 'CN',
    destinationCountry: 'CN',
    paymentTerms: 'PREPAID',
    itemsTotal: 60_000,
    shippingTotal: 0,
    grandTotal: 60_000,
    lines: [{ sku: 'TSH-01-1', quantity: 4, unitPrice: 15_000, category: 'APPAREL', hazardous: false }],
  });
  await replica.stop();
  expect(decision).toMatchObject({
    validation: { accepted: true },
    pricing: { discountTotal: 9_000, payableTotal: 51_000 },
    gift: { gifts: [] },
    hold: { levels: 0 },
    inventoryLock: { holdMinutes: 120 },
    invoice: { template: null },
  });
  expect(decision.handledWith.map((used) => used.ruleSet).sort()).toEqual(['double-11-campaign', 'large-order-review', 'presale-inventory-hold']);
  const versions = await hub.gql(hub.tokens.operator, '{ ruleSetVersions(ruleSetKey: "double-11-campaign") { nodes { number status } } }');
  expect(versions.data.ruleSetVersions.nodes).toEqual([
    { number: 2, status: 'IN_REVIEW' },
    { number: 1, status: 'ACTIVE' },
  ]);
});

import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startRegion, type RegionApp } from '@hub/shared/region/region-app';
import { createTestScope } from '@hub/shared/testing/harness';
import { cnRegion } from '../src/region.js';
import { regionTestEnv } from './support/region-test-env.js';

/** `/ready` of a region says whether it holds a catalogue to price from: not before its copy arrived, then yes. */
const scope = createTestScope('cn_ready');
let region: RegionApp;

beforeAll(async () => {
  region = await startRegion(cnRegion, regionTestEnv(scope.env));
}, 60_000);

afterAll(async () => {
  await region?.close();
  await scope.dispose();
});

const ready = async () => {
  const response = await fetch(`${region.url}/ready`);
  return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
};

it('is not ready before the catalogue publishes, and is once its copy has caught up', async () => {
  const before = await ready();
  expect(before).toEqual({ status: 503, body: { status: 'not ready', checks: expect.objectContaining({ catalogue: 'down', database: 'ok', nats: 'ok' }) } });

  const version = await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'CUP-1', unitPrice: 3000, category: 'HOME' }] }]);
  await region.catalogue.whenAt(version);
  await region.catalogue.whenReady();

  const after = await ready();
  expect(after.status).toBe(200);
  expect(after.body.checks.catalogue).toMatch(/^caught up at v\d+$/);
  expect(region.catalogue.heldVersion).toBe(version);
});

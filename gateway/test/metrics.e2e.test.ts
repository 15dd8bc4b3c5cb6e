import { randomUUID } from 'node:crypto';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/**
 * `/metrics` of each kind of service (the gateway, a region subgraph, core) after one real placement, every
 * service its own process: the series an operator alerts on exist, with values the placement explains, and
 * only a scraper from the allowed network or with the token reads them.
 */
const scope = createTestScope('metrics');
const METRICS_TOKEN = `metrics-${randomUUID()}-${randomUUID()}`;
let hub: HubProcesses;
let orderId: string;

beforeAll(async () => {
  await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'SKU-1', unitPrice: 1000 }] }]);
  // The test's own address (loopback) is outside the allowed network: it needs the token.
  hub = await startHubProcesses(scope.env, { METRICS_ALLOW_FROM: '192.0.2.0/24', METRICS_TOKEN });
  const token = await scope.token({ subject: `cust-${randomUUID()}`, role: 'customer', regions: ['cn'] });
  const placed = await postGraphQL(hub.gatewayUrl, PLACE_CN_ORDER, { input: cnOrderInput([{ sku: 'SKU-1', quantity: 1 }]) }, token);
  expect(placed.errors).toBeUndefined();
  orderId = placed.data.order.id;
  // A request without a token is refused and counted as an error.
  expect((await postGraphQL(hub.url('region-cn'), '{ __typename }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
}, 180_000);

afterAll(async () => {
  await hub?.close();
  await scope.dispose();
});

async function scrape(service: string): Promise<string> {
  const response = await fetch(`${hub.url(service)}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/plain');
  return response.text();
}

/** The value of the series `name` whose labels include all of `labels`; undefined when there is none. */
function sample(body: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of body.split('\n')) {
    const match = /^([a-z0-9_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2] ?? '';
    if (Object.entries(labels).every(([key, value]) => present.includes(`${key}="${value}"`))) return Number(match[3]);
  }
  return undefined;
}

it('refuses a scraper outside the allowed network without the token', async () => {
  for (const service of ['gateway', 'region-cn']) {
    expect((await fetch(`${hub.url(service)}/metrics`)).status).toBe(403);
    expect((await fetch(`${hub.url(service)}/metrics`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(403);
  }
});

it('the gateway counts and times the placement under its operation name', async () => {
  const body = await scrape('gateway');
  expect(sample(body, 'hub_graphql_request_duration_seconds_count', { service: 'gateway', operation: 'PlaceCnOrder', outcome: 'ok' })).toBe(1);
  expect(sample(body, 'hub_graphql_request_duration_seconds_bucket', { service: 'gateway', operation: 'PlaceCnOrder', le: '+Inf' })).toBe(1);
  expect(sample(body, 'hub_graphql_request_duration_seconds_sum', { service: 'gateway', operation: 'PlaceCnOrder' })).toBeGreaterThan(0);
  expect(sample(body, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThan(0);
  expect(sample(body, 'process_cpu_seconds_total')).toBeGreaterThan(0);
  expectNoPersonalData(body);
});

it('the region counts requests, errors, its pool, outbox and consumer', async () => {
  // The order event reaches the region through core's outbox and the region's durable consumer.
  const body = await eventually(
    () => scrape('region-cn'),
    (text) => (sample(text, 'hub_consumer_messages_total', { outcome: 'applied' }) ?? 0) >= 1,
  );
  const regionOk = body.split('\n').filter((line) => line.startsWith('hub_graphql_request_duration_seconds_count{') && line.includes('service="region-cn"'));
  expect(regionOk.some((line) => line.includes('operation="PlaceCnOrder__region_cn__0"') && line.endsWith(' 1'))).toBe(true);
  expect(sample(body, 'hub_graphql_errors_total', { service: 'region-cn', operation: 'unauthenticated', code: 'UNAUTHENTICATED' })).toBe(1);
  // The pool's size as configured: `npm test` sets DATABASE_POOL_MAX; unset, a service's default is 10.
  expect(sample(body, 'hub_db_pool_connections', { service: 'region-cn', state: 'max' })).toBe(scope.env.DATABASE_POOL_MAX ?? 10);
  expect(sample(body, 'hub_db_pool_connections', { service: 'region-cn', state: 'total' })).toBeGreaterThanOrEqual(1);
  // The scrape's own outbox query may be waiting for a connection being opened.
  expect(sample(body, 'hub_db_pool_connections', { service: 'region-cn', state: 'waiting' })).toBeLessThan(10);
  expect(sample(body, 'hub_outbox_backlog', { service: 'region-cn' })).toBeGreaterThanOrEqual(0);
  expect(sample(body, 'hub_outbox_oldest_unpublished_age_seconds', { service: 'region-cn' })).toBeGreaterThanOrEqual(0);
  expect(sample(body, 'hub_consumer_pending_messages')).toBe(0);
  expect(sample(body, 'hub_consumer_redeliveries_total')).toBeUndefined();
  expectNoPersonalData(body);
});

it('core reports its outbox drained and the registry sees the region UP', async () => {
  // A region tells the registry it is ready in the heartbeat after its catalogue copy caught up.
  const body = await eventually(
    () => scrape('core-orders'),
    (text) =>
      sample(text, 'hub_outbox_backlog', { service: 'core-orders' }) === 0 &&
      sample(text, 'hub_registry_subgraph_health', { subgraph: 'region-cn', health: 'UP' }) === 1,
    { attempts: 300 },
  );
  expect(sample(body, 'hub_outbox_oldest_unpublished_age_seconds', { service: 'core-orders' })).toBe(0);
  expect(sample(body, 'hub_registry_subgraph_health', { subgraph: 'region-cn', health: 'UP' })).toBe(1);
  expect(sample(body, 'hub_registry_subgraph_health', { subgraph: 'region-cn', health: 'DOWN' })).toBe(0);
  expectNoPersonalData(body);
});

function expectNoPersonalData(body: string): void {
  expect(body).not.toContain(orderId);
  expect(body).not.toContain('王芳');
  expect(body).not.toContain('13912345678');
}

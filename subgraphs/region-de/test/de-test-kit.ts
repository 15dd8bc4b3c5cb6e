import { randomUUID } from 'node:crypto';
import { createCoreApp } from '@hub/core-orders/app';
import type { Principal } from '@hub/shared/auth/principal';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { createTestScope, postGraphQL, type TestScope } from '@hub/shared/testing/harness';
import { startRegion, type RegionApp, type RegionAppOptions } from '@hub/shared/region/region-app';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { readDeEnv } from '../src/env.js';
import { createDeRegion } from '../src/region.js';
import type { DeSettingsOverrides } from '../src/settings.js';

/** Core and region-de in this process, on a test file's own database and NATS namespace. */
export interface DeTestHub {
  scope: TestScope;
  core: Awaited<ReturnType<typeof createCoreApp>>;
  region: RegionApp;
  token(principal: Principal): Promise<string>;
  gql<T = any>(query: string, variables: Record<string, unknown>, token: string): ReturnType<typeof postGraphQL<T>>;
  sql<T = any>(query: string, params?: unknown[]): Promise<T[]>;
  place(token: string, input: Record<string, unknown>): Promise<string>;
  /** Moves an order through core and waits until region-de has applied the last step. */
  moveOrder(orderId: string, statuses: OrderStatus[]): Promise<void>;
  close(): Promise<void>;
}

export const PLACE = `mutation($input: PlaceDeOrderInput!) { placeDeOrder(input: $input) { id } }`;

export const orderInput = (changes: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  customer: { name: 'Anna Schmidt', email: 'anna.schmidt@example.de' },
  shippingAddress: { recipientName: 'Anna Schmidt', street: 'Invalidenstraße', houseNumber: '116', postalCode: '10115', city: 'Berlin', country: 'DE' },
  lines: [{ sku: 'KAFFEE-1', name: 'Kaffeebohnen 1 kg', quantity: 2, unitPrice: 1499, unitTax: 285 }],
  ...changes,
});

/** The environment a region-de process of this scope reads, as strings, so every default applies as in production. */
export const deEnvSource = (scope: TestScope, extra: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(scope.env).map(([key, value]) => [key, String(value)])),
  PORT: '0',
  COMMAND_RETRY_MAX_MS: '1000',
  ...extra,
});

/** What the DE tests order: named goods, and `SKU-<price>` articles for the VAT thresholds, all at the standard rate. */
export const DE_TEST_ITEMS = [
  { sku: 'KAFFEE-1', unitPrice: 1499 },
  { sku: 'WHISKY-1', unitPrice: 3000 },
  { sku: 'WEIN-1', unitPrice: 1000 },
  ...[1000, 15_000, 15_001, 500_000, 500_001, 600_000].map((unitPrice) => ({ sku: `SKU-${unitPrice}`, unitPrice })),
];

/** Publishes the DE test catalogue on a scope's namespace; resolves with its version. */
export const publishDeTestCatalogue = (scope: TestScope) => publishTestCatalogue(scope.env, [{ region: 'de', currencies: ['EUR'], items: DE_TEST_ITEMS }]);

export async function startDeTestHub(
  label: string,
  options: DeSettingsOverrides = {},
  env: Record<string, string> = {},
  regionOptions: RegionAppOptions = {},
): Promise<DeTestHub> {
  const scope = createTestScope(label);
  const catalogueVersion = await publishDeTestCatalogue(scope);
  const core = await createCoreApp({ ...scope.env, PORT: 0 });
  const settled = new Set<string>();
  const waiting = new Map<string, () => void>();
  const region = await startRegion(createDeRegion(options), readDeEnv(deEnvSource(scope, env)), {
    ...regionOptions,
    onOrderEventSettled: ({ messageId, outcome }) => {
      if (outcome !== 'applied' && outcome !== 'duplicate') return;
      settled.add(messageId);
      waiting.get(messageId)?.();
    },
  });
  await region.catalogue.whenAt(catalogueVersion);
  const applied = (messageId: string) =>
    new Promise<void>((resolve, reject) => {
      if (settled.has(messageId)) return resolve();
      const timer = setTimeout(() => reject(new Error(`${messageId} not applied in time`)), 10_000);
      waiting.set(messageId, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  const admin = await scope.token({ subject: 'admin-kit', role: 'admin', regions: [] });
  const hub: DeTestHub = {
    scope,
    core,
    region,
    token: (principal) => scope.token(principal),
    gql: (query, variables, token) => postGraphQL(region.url, query, variables, token),
    sql: (query, params = []) => region.orm.em.fork().getConnection().execute(query, params),
    async place(token, input) {
      const result = await postGraphQL(region.url, PLACE, { input }, token);
      if (result.errors) throw new Error(`placement failed: ${JSON.stringify(result.errors)}`);
      return result.data.placeDeOrder.id as string;
    },
    async moveOrder(orderId, statuses) {
      await region.commands.whenIdle();
      const current = await postGraphQL(core.url, `query($id: ID!) { order(id: $id) { version } }`, { id: orderId }, admin);
      let version = current.data.order.version as number;
      for (const status of statuses) {
        const moved = await postGraphQL(
          core.url,
          `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }`,
          { input: { orderId, status, expectedVersion: version } },
          admin,
        );
        if (moved.errors) throw new Error(`move to ${status} failed: ${JSON.stringify(moved.errors)}`);
        version = moved.data.changeOrderStatus.version;
      }
      await applied(version === 1 ? `order.placed:${orderId}:1` : `order.status-changed:${orderId}:${version}`);
    },
    async close() {
      await region?.close();
      await core?.close();
      await scope.dispose();
    },
  };
  return hub;
}

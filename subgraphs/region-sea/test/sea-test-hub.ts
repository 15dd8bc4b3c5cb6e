import { randomUUID } from 'node:crypto';
import type { Principal } from '@hub/shared/auth/principal';
import { createTestScope, postGraphQL, type TestScope } from '@hub/shared/testing/harness';
import { readRegionEnv, startRegion, type RegionApp, type RegionAppOptions } from '@hub/shared/region/region-app';
import { createCoreApp } from '@hub/core-orders/app';
import { publishTestCatalogue, type TestCatalogueItem } from '@hub/shared/catalogue/testing/test-catalogue';
import { seaRegion } from '../src/region.js';

/** core-orders and region-sea in this process, on one test scope, with a way to wait for core's events to land. */
export interface SeaTestHub {
  scope: TestScope;
  core: Awaited<ReturnType<typeof createCoreApp>>;
  region: RegionApp;
  /** Resolves once region-sea has applied core's event for this order version (no sleeping). */
  eventApplied(orderId: string, version: number, type?: 'order.placed' | 'order.status-changed'): Promise<void>;
  token(principal: Omit<Principal, 'regions'> & { regions?: string[] }): Promise<string>;
  close(): Promise<void>;
}

/** What the SEA tests order, at net prices in each currency sold; the region adds the destination's VAT and no shipping. */
export const SEA_TEST_ITEMS: TestCatalogueItem[] = [
  { sku: 'KOPI-1', unitPrice: { IDR: 450_000 }, category: 'GROCERY' },
  { sku: 'KOPI-10', unitPrice: { IDR: 45_000_000 }, category: 'GROCERY' },
  { sku: 'KOPI-2', unitPrice: { IDR: 100_000 }, category: 'GROCERY' },
  { sku: 'TEH-1', unitPrice: { IDR: 20_000 }, category: 'GROCERY' },
  { sku: 'X-1', unitPrice: { IDR: 150_000, THB: 35_000, MYR: 4_990, PHP: 49_900, VND: 250_000, SGD: 1_290 } },
  { sku: 'X-2', unitPrice: { SGD: 60_000 } },
];

/** `options`: the starter's test seams (notice sender and settle hooks). */
export async function startSeaTestHub(label: string, options: RegionAppOptions = {}): Promise<SeaTestHub> {
  const scope = createTestScope(label);
  const catalogueVersion = await publishTestCatalogue(scope.env, [
    { region: 'sea', currencies: ['IDR', 'THB', 'MYR', 'PHP', 'VND', 'SGD'], items: SEA_TEST_ITEMS },
  ]);
  const applied = new Set<string>();
  const waiting = new Map<string, () => void>();
  const core = await createCoreApp({ ...scope.env, PORT: 0 });
  // Parsed like a deployment's environment, so settings the starter adds later get their defaults here too.
  const env = readRegionEnv(
    seaRegion,
    Object.fromEntries(Object.entries({ ...scope.env, PORT: 0, COMMAND_RETRY_MAX_MS: 1_000 }).map(([k, v]) => [k, String(v)])),
  );
  const region = await startRegion(seaRegion, env, {
    ...options,
    onOrderEventSettled: ({ messageId }) => {
      applied.add(messageId);
      waiting.get(messageId)?.();
    },
  });
  await region.catalogue.whenAt(catalogueVersion);
  return {
    scope,
    core,
    region,
    eventApplied(orderId, version, type = 'order.status-changed') {
      const messageId = `${type}:${orderId}:${version}`;
      if (applied.has(messageId)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${messageId} not applied in time`)), 10_000);
        waiting.set(messageId, () => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
    token: (principal) => scope.token({ regions: ['sea'], ...principal }),
    async close() {
      await region?.close();
      await core?.close();
      await scope.dispose();
    },
  };
}

export const QUICK_ORDER = `mutation($input: SeaQuickOrderInput!) { seaQuickOrder(input: $input) { id number total status registration } }`;
export const ID_ADDRESS = {
  recipientName: 'Siti Rahayu',
  recipientPhone: '0812-3456-7890',
  line1: 'Jl. Merdeka No. 10',
  line2: 'RT 01/RW 02',
  subdistrict: 'Gambir',
  district: 'Gambir',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};
/** Two packs of coffee at Rp 450,000, which the region prices with Indonesia's 11 % VAT: Rp 999,000 in whole rupiah. */
export const quickOrderInput = (change: Record<string, unknown> = {}) => ({
  idempotencyKey: randomUUID(),
  lines: [{ sku: 'KOPI-1', quantity: 2 }],
  address: ID_ADDRESS,
  payment: 'COD',
  ...change,
});

export async function quickOrder(hub: SeaTestHub, token: string, input: Record<string, unknown> = quickOrderInput()) {
  const result = await postGraphQL(hub.region.url, QUICK_ORDER, { input }, token);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.seaQuickOrder as { id: string; number: string; total: number; status: string; registration: string };
}

const CHANGE_STATUS = `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { version } }`;

/**
 * Walks a new order through core to OUT_FOR_DELIVERY (warehouse by an operator, road by the carrier; PAID only
 * for prepaid orders), or one out for delivery on to SIGNED, once core has registered it, and waits until
 * region-sea's copy of the timeline has caught up.
 */
export async function moveOrder(hub: SeaTestHub, orderId: string, carrierToken: string, until: 'OUT_FOR_DELIVERY' | 'SIGNED'): Promise<number> {
  await hub.region.commands.whenIdle();
  const [master] = await hub.core.orm.em
    .fork()
    .getConnection()
    .execute<Array<{ version: number; payment_terms: string }>>(`select version, payment_terms from core_orders."order" where id = ?`, [orderId]);
  const operator = await hub.token({ subject: 'op-sea', role: 'operator' });
  const warehouse = master!.payment_terms === 'CASH_ON_DELIVERY' ? [] : ([['PAID', operator]] as const);
  const steps =
    until === 'SIGNED'
      ? ([['SIGNED', carrierToken]] as const)
      : ([
          ...warehouse,
          ['PICKED', operator],
          ['PACKED', operator],
          ['OUTBOUND', operator],
          ['FIRST_SCAN', carrierToken],
          ['OUT_FOR_DELIVERY', carrierToken],
        ] as const);
  let version = master!.version;
  for (const [status, token] of steps) {
    const result = await postGraphQL(hub.core.url, CHANGE_STATUS, { input: { orderId, status, expectedVersion: version } }, token);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    version = result.data.changeOrderStatus.version;
  }
  await hub.eventApplied(orderId, version);
  return version;
}

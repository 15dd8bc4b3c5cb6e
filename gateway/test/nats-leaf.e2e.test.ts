import pg from 'pg';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { NATS_SERVER_BINARY, startPrivateLeaf, startPrivateNats, type PrivateNats, type PrivateNatsLeaf } from '@hub/shared/testing/private-nats';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/**
 * "Central registration, edge execution" on the wire: core and the gateway at the centre (JetStream in the domain
 * `hub`, leaf port open), region-cn on its own leaf node. An order placed in the region is registered in core and its
 * status event comes back through the leaf; with the link cut (the centre gone) the region still takes an order,
 * which its outbox sends when the link is back.
 */
const describeWithServer = NATS_SERVER_BINARY ? describe : describe.skip;
const DOMAIN = 'hub';

describeWithServer('region-cn attached through a leaf node', () => {
  const scope = createTestScope('natsleaf');
  let centre: PrivateNats;
  let leaf: PrivateNatsLeaf;
  let hub: HubProcesses;
  let db: pg.Client;
  let customer: string;

  beforeAll(async () => {
    const services = discoverHubServices();
    // Permissions pinned to the namespace, as production's are: the link then logs in as region-cn with the region's
    // own rights, which nats-server 2.9 accepts as cover for core's wildcard endpoints (docs/NATS.md, "Leaf nodes").
    const namespace = scope.env.NATS_NAMESPACE;
    centre = await startPrivateNats(services, { jetStreamDomain: DOMAIN, namespace });
    leaf = await startPrivateLeaf(
      centre,
      services.find((service) => service.name === 'region-cn')!,
      namespace,
    );
    Object.assign(scope.env, { NATS_URL: centre.url, ...centre.identityEnv('hub-test') });
    await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'LEAF-1', unitPrice: 5000 }] }]);
    hub = await startHubProcesses(scope.env, { COMMAND_RETRY_MAX_MS: '2000', NATS_JS_DOMAIN: DOMAIN }, undefined, {
      only: ['core-orders', 'region-cn', 'gateway'],
      natsIdentities: centre.files.identitiesDir,
      serviceEnv: { 'region-cn': { NATS_URL: leaf.url } },
    });
    db = new pg.Client({ connectionString: scope.env.DATABASE_URL });
    await db.connect();
    customer = await scope.token({ subject: 'cust-leaf', role: 'customer', regions: ['cn'] });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await hub?.close();
    await scope.dispose().catch(() => undefined);
    await leaf?.stop();
    await centre?.dispose();
  });

  const place = async (): Promise<string> => {
    const placed = await postGraphQL(hub.gatewayUrl, PLACE_CN_ORDER, { input: cnOrderInput([{ sku: 'LEAF-1', quantity: 1 }]) }, customer);
    expect(placed.errors).toBeUndefined();
    return placed.data.order.id as string;
  };
  const registeredInCore = async (id: string) => (await db.query('select id from core_orders."order" where id = $1', [id])).rowCount;
  const eventsInRegion = async (id: string) =>
    (await db.query<{ version: number }>('select version from region_cn.regional_order_status_event where order_id = $1 order by version', [id])).rows.map(
      (row) => row.version,
    );
  const registration = async (id: string) =>
    (await db.query<{ registration: string }>('select registration from region_cn.regional_order where order_id = $1', [id])).rows[0]?.registration;

  it('registers a region order through the leaf, and one taken while the link is cut once the link is back', async () => {
    const figures: string[] = [];
    const first = await place();
    expect(
      await eventually(
        () => registeredInCore(first),
        (count) => count === 1,
        { attempts: 300 },
      ),
    ).toBe(1);
    expect(
      await eventually(
        () => eventsInRegion(first),
        (versions) => versions.length > 0,
        { attempts: 300 },
      ),
    ).toEqual([1]);

    // The link is cut: the centre goes away. The region still takes the order and keeps its command in its outbox.
    await centre.stop();
    const offline = await place();
    expect(await registration(offline)).toBe('PENDING');

    const backAt = Date.now();
    await centre.start();
    expect(
      await eventually(
        () => registeredInCore(offline),
        (count) => count === 1,
        { attempts: 600 },
      ),
    ).toBe(1);
    expect(
      await eventually(
        () => eventsInRegion(offline),
        (versions) => versions.length > 0,
        { attempts: 600 },
      ),
    ).toEqual([1]);
    expect(
      await eventually(
        () => registration(offline),
        (state) => state === 'REGISTERED',
        { attempts: 300 },
      ),
    ).toBe('REGISTERED');
    figures.push(`order taken during the cut: registered and its event back in the region ${Date.now() - backAt} ms after the centre returned`);
    expect(await eventsInRegion(first)).toEqual([1]);
    console.log(figures.join('\n'));
  }, 300_000);
});

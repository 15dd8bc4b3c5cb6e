import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { NATS_SERVER_BINARY, startPrivateNatsCluster, type PrivateNatsCluster } from '@hub/shared/testing/private-nats';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/**
 * Losing a NATS node loses nothing and stops nothing: the hub runs on a private 3-node cluster (R3 streams); the ORDERS
 * stream's leader is killed (SIGKILL) in the middle of a placement load. Every order is registered in core once, the
 * region sees each status event once, placements keep being answered (a failed one succeeds when retried with its
 * idempotency key), and the node, started again, catches up.
 */
const describeWithServer = NATS_SERVER_BINARY ? describe : describe.skip;
const ORDERS = 40;
const KILL_AFTER = 10;
const CONCURRENCY = 4;

describeWithServer('a NATS cluster losing a node under load', () => {
  const scope = createTestScope('natscluster');
  const ordersStream = subjectsFor(scope.env.NATS_NAMESPACE).ordersStream;
  let cluster: PrivateNatsCluster;
  let hub: HubProcesses;
  let db: pg.Client;
  let driver: NatsConnection;
  let jsm: JetStreamManager;
  let admin: string;
  let customer: string;

  beforeAll(async () => {
    cluster = await startPrivateNatsCluster(discoverHubServices());
    Object.assign(scope.env, { NATS_URL: cluster.url, ...cluster.identityEnv('hub-test') });
    await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'HAT-1', unitPrice: 9900 }] }]);
    hub = await startHubProcesses(scope.env, { COMMAND_RETRY_MAX_MS: '2000' }, undefined, {
      only: ['core-orders', 'region-cn', 'gateway'],
      natsIdentities: cluster.files.identitiesDir,
    });
    db = new pg.Client({ connectionString: scope.env.DATABASE_URL });
    await db.connect();
    driver = await cluster.connectAs('hub-test');
    jsm = await jetstreamManager(driver);
    admin = await scope.token({ subject: 'admin-cluster', role: 'admin', regions: [] });
    customer = await scope.token({ subject: 'cust-cluster', role: 'customer', regions: ['cn'] });
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await hub?.close();
    await scope.dispose().catch(() => undefined);
    await driver?.close();
    await cluster?.dispose();
  });

  /** Places one order as a client does: a failure (an error or no answer) is retried with the same idempotency key. */
  const placeWithRetry = async (failures: string[]): Promise<string> => {
    const input = cnOrderInput([{ sku: 'HAT-1', quantity: 1 }]);
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      const placed = await postGraphQL(hub.gatewayUrl, PLACE_CN_ORDER, { input }, customer).catch((error: Error) => ({
        data: undefined,
        errors: [{ message: error.message }],
      }));
      const id = placed.data?.order?.id as string | undefined;
      if (id) return id;
      failures.push(`${input.idempotencyKey}#${attempt}: ${placed.errors?.[0]?.message}`);
    }
    throw new Error(`placement ${input.idempotencyKey} failed five times: ${failures.join('; ')}`);
  };

  // While the cluster elects a new leader (and the driver reconnects), the stream does not answer: that reads as "none yet".
  const ordersInfo = () => jsm.streams.info(ordersStream).catch(() => undefined);
  const nodeNamed = (name: string | undefined) => cluster.files.nodes.findIndex((node) => node.serverName === name);

  it('keeps placing orders when the ORDERS stream leader dies, with every effect once, and the node catches up', async () => {
    const before = await jsm.streams.info(ordersStream);
    expect(before.config.num_replicas).toBe(3);
    const killed = nodeNamed(before.cluster?.leader);
    expect(killed).toBeGreaterThanOrEqual(0);

    // The load: CONCURRENCY clients placing ORDERS orders; the stream leader is killed when KILL_AFTER are answered.
    const failures: string[] = [];
    const ids: string[] = [];
    let next = 0;
    let kill: Promise<void> | undefined;
    let killedAt = 0;
    const figures: string[] = [];
    const client = async () => {
      while (next < ORDERS) {
        next += 1;
        ids.push(await placeWithRetry(failures));
        if (ids.length === KILL_AFTER) {
          killedAt = Date.now();
          kill = cluster.stopNode(killed, 'SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    await kill;
    expect(new Set(ids).size).toBe(ORDERS);
    figures.push(`${ORDERS} placements, ${failures.length} failed attempts (each retried with its key and answered): ${failures.join('; ') || 'none'}`);

    // The hub keeps serving with the node still down: the stream elected another leader and core's events flow on.
    const elected = await eventually(ordersInfo, (info) => nodeNamed(info?.cluster?.leader) >= 0, { attempts: 300 });
    expect(nodeNamed(elected?.cluster?.leader)).not.toBe(killed);
    figures.push(`new stream leader answering ${Date.now() - killedAt} ms after the kill`);
    // A placement is answered by the region before core registers it; registrations sent around the kill arrive when retried.
    const registered = () => db.query('select count(*)::int as n from core_orders."order" where id = any($1)', [ids]);
    await eventually(registered, (result) => result.rows[0].n === ORDERS, { attempts: 600 });
    figures.push(`every order registered in core ${Date.now() - killedAt} ms after the kill`);
    const payingAt = Date.now();
    const paid = await Promise.all(
      ids.map((orderId) =>
        postGraphQL(
          hub.gatewayUrl,
          `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
          { input: { orderId, status: 'PAID', expectedVersion: 1 } },
          admin,
        ),
      ),
    );
    for (const result of paid) expect([result.errors, result.data?.changeOrderStatus?.status]).toEqual([undefined, 'PAID']);

    // Core registered each order once, with one CREATED and one PAID step.
    const core = await db.query(
      `select o.id, array_agg(s.to_status order by s.sequence) as steps from core_orders."order" o join core_orders.order_status_change s on s.order_id = o.id where o.id = any($1) group by o.id`,
      [ids],
    );
    expect(core.rows).toHaveLength(ORDERS);
    for (const row of core.rows) expect(row.steps).toEqual(['CREATED', 'PAID']);

    // The region saw each status event once (versions 1 and 2, never a repeat), and the stream holds each event once.
    const regionSteps = () =>
      db.query<{ order_id: string; versions: number[] }>(
        'select order_id, array_agg(version order by version) as versions from region_cn.regional_order_status_event where order_id = any($1) group by order_id',
        [ids],
      );
    const steps = await eventually(
      async () => (await regionSteps()).rows,
      (rows) => rows.length === ORDERS && rows.every((row) => row.versions.length >= 2),
      { attempts: 600 },
    );
    for (const step of steps) expect(step.versions).toEqual([1, 2]);
    figures.push(`every PAID event in the region ${Date.now() - payingAt} ms after the status changes were sent`);
    const regional = await db.query('select status, status_version from region_cn.regional_order where order_id = any($1)', [ids]);
    expect(regional.rows).toEqual(ids.map(() => ({ status: 'PAID', status_version: 2 })));
    expect((await jsm.streams.info(ordersStream)).state.messages).toBe(2 * ORDERS);

    // The node comes back on its store and catches up: the stream reports its copy current, with no lag.
    const restartAt = Date.now();
    await cluster.startNode(killed);
    const replicaOfKilled = async () => (await ordersInfo())?.cluster?.replicas?.find((replica) => replica.name === cluster.files.nodes[killed]!.serverName);
    expect(await eventually(replicaOfKilled, (replica) => Boolean(replica?.current && !replica.lag && !replica.offline), { attempts: 300 })).toMatchObject({
      current: true,
    });
    figures.push(`restarted node current ${Date.now() - restartAt} ms after its start`);
    const logged = (text: string) => hub.logs.filter((line) => line.includes(text)).length;
    figures.push(
      `relay passes that failed: ${logged('outbox relay pass failed')}, streams found lost: ${logged('the server had lost streams')}, found declared (an election): ${logged('every stream is declared')}`,
    );
    console.log(figures.join('\n'));
  }, 300_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';

/**
 * A NATS restart loses nothing: the hub runs on a private, file-backed NATS server that this test stops
 * and starts again while an order changes status; the change still reaches the region, exactly once.
 */
const NATS_SERVER = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path));
// Without a local nats-server binary (NATS reached over the network) this test cannot own a server to restart.
const describeWithServer = NATS_SERVER ? describe : describe.skip;

describeWithServer('NATS restart', () => {
  const scope = createTestScope('natsrestart');
  const storeDir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
  let port: number;
  let nats: ChildProcess;
  let hub: HubProcesses;
  let db: pg.Client;

  const startNats = () =>
    new Promise<void>((resolve, reject) => {
      nats = spawn(NATS_SERVER!, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], { stdio: ['ignore', 'ignore', 'pipe'] });
      nats.stderr!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('Server is ready')) resolve();
      });
      nats.once('exit', (code) => reject(new Error(`nats-server exited with ${code}`)));
    });
  const stopNats = () =>
    new Promise<void>((resolve) => {
      nats.once('exit', () => resolve());
      nats.kill('SIGTERM');
    });

  beforeAll(async () => {
    port = await freePort();
    await startNats();
    scope.env.NATS_URL = `nats://127.0.0.1:${port}`;
    await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'HAT-1', unitPrice: 9900 }] }]);
    hub = await startHubProcesses(scope.env);
    db = new pg.Client({ connectionString: scope.env.DATABASE_URL });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await hub?.close();
    await scope.dispose().catch(() => undefined);
    if (nats && nats.exitCode === null) await stopNats();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('delivers a status change committed while NATS was down once NATS is back', async () => {
    const admin = await scope.token({ subject: 'admin', role: 'admin', regions: [] });
    const placed = await postGraphQL(
      hub.gatewayUrl,
      `mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }`,
      {
        input: {
          idempotencyKey: randomUUID(),
          customerRef: 'cust-nats',
          customer: { name: '周九', phone: '13400134000' },
          shippingAddress: {
            recipientName: '周九',
            recipientPhone: '13400134000',
            province: '四川省',
            city: '成都市',
            district: '武侯区',
            street: '人民南路 9 号',
          },
          lines: [{ sku: 'HAT-1', quantity: 1 }],
        },
      },
      admin,
    );
    const orderId = placed.data.placeCnOrder.id;
    const regionStatus = async () => (await db.query('select status, status_version from region_cn.regional_order where order_id = $1', [orderId])).rows[0];
    await eventually(regionStatus, (row) => row?.status === 'CREATED');

    await stopNats();
    const paid = await postGraphQL(
      hub.gatewayUrl,
      `mutation($input: ChangeOrderStatusInput!) { changeOrderStatus(input: $input) { status } }`,
      { input: { orderId, status: 'PAID', expectedVersion: 1 } },
      admin,
    );
    expect(paid.data.changeOrderStatus.status).toBe('PAID'); // core commits; the event waits in its outbox
    expect((await regionStatus()).status).toBe('CREATED');

    await startNats();
    expect(await eventually(regionStatus, (row) => row?.status === 'PAID', { attempts: 150 })).toEqual({ status: 'PAID', status_version: 2 });
    const { rows } = await db.query('select version from region_cn.regional_order_status_event where order_id = $1 order by version', [orderId]);
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { natsAuthOf, connectNats, ensureStreams } from '../src/messaging/nats.js';
import { jetStreamUseOf } from '../src/messaging/jetstream-use.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import { NATS_SERVER_BINARY, startPrivateNatsCluster, type PrivateNatsCluster } from '../src/testing/private-nats.js';

/**
 * The generated 3-node cluster (`HUB_NATS_CLUSTER=3`): the same users as the single server, streams declared with three
 * replicas, an R1 stream raised to R3 when the cluster appears, and a service that fails over when its node dies.
 */
const describeWithServer = NATS_SERVER_BINARY ? describe : describe.skip;
const core = { name: 'core-orders', kind: 'core' as const };
const services = [core, { name: 'region-cn', kind: 'region' as const }];

describeWithServer('a 3-node NATS cluster', () => {
  let cluster: PrivateNatsCluster;
  const open: NatsConnection[] = [];
  // As a service connects: every node's URL in NATS_URL, its own identity, endless reconnects.
  const connectAsService = async (name: string) => {
    const nc = await connectNats(cluster.url, name, natsAuthOf(cluster.identityEnv(name)));
    open.push(nc);
    return nc;
  };
  const declareCoreStreams = async (namespace: string) => {
    const nc = await connectAsService(core.name);
    await ensureStreams(nc, subjectsFor(namespace), jetStreamUseOf(core, namespace));
    return nc;
  };

  beforeAll(async () => {
    cluster = await startPrivateNatsCluster(services);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close()));
    await cluster?.dispose();
  });

  it('gives every client all three nodes and refuses wrong passwords on each', async () => {
    expect(cluster.url.split(',')).toHaveLength(3);
    const nc = await connectAsService('region-cn');
    expect(nc.info?.connect_urls).toHaveLength(3);
    await expect(connectNats(cluster.url.split(',')[1]!, 'region-cn', { user: 'region-cn' })).rejects.toThrow(/authorization/i);
  });

  it("declares core's streams with three replicas", async () => {
    const nc = await declareCoreStreams('tr3');
    const info = await (await jetstreamManager(nc)).streams.info(subjectsFor('tr3').ordersStream);
    expect(info.config.num_replicas).toBe(3);
    expect(info.cluster?.replicas).toHaveLength(2);
  });

  it('raises a stream created with one replica (before the cluster) to three', async () => {
    const subjects = subjectsFor('traise');
    const driver = await cluster.connectAs('hub-test');
    open.push(driver);
    const jsm = await jetstreamManager(driver);
    await jsm.streams.add({ name: subjects.ordersStream, subjects: [subjects.ordersAll], num_replicas: 1 });
    await declareCoreStreams('traise');
    expect((await jsm.streams.info(subjects.ordersStream)).config.num_replicas).toBe(3);
  });

  it('keeps a stream and its messages when the node a service is connected to dies, and the service fails over', async () => {
    const subjects = subjectsFor('tfail');
    const nc = await declareCoreStreams('tfail');
    const js = jetstream(nc);
    await js.publish(subjects.ordersAll.replace('>', 'created.cn'), 'before', { msgID: 'before' });
    const node = cluster.files.nodes.findIndex((candidate) => candidate.serverName === nc.info?.server_name);
    expect(node).toBeGreaterThanOrEqual(0);

    const reconnected = (async () => {
      for await (const status of nc.status()) if (status.type === 'reconnect') return;
    })();
    await cluster.stopNode(node);
    await reconnected;
    // While the stream elects a new leader a publish fails (no responders, or a timeout): sent again under its id, as the outbox relay does,
    // it is stored once (the duplicate window drops a second copy of one that was stored after all).
    await untilAnswered(() => js.publish(subjects.ordersAll.replace('>', 'created.cn'), 'after', { msgID: 'after' }));
    // The killed node may have led the cluster's metadata too: API calls time out until its successor is elected.
    const info = await untilAnswered(async () => (await jetstreamManager(nc)).streams.info(subjects.ordersStream));
    expect(info.state.messages).toBe(2);

    await cluster.startNode(node);
  }, 120_000);
});

/**
 * Repeats `call` until the cluster answers it: no responders, "jetstream is not enabled" or a timeout while a leader is
 * elected, at the relay's pace. Bounded by time, not attempts: on a busy machine the two survivors took over 10 s to
 * elect JetStream's meta leader once.
 */
async function untilAnswered<T>(call: () => Promise<T>, withinMs = 45_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await call().catch((error: Error) => error);
    if (!(answer instanceof Error)) return answer;
    if (Date.now() >= deadline) throw answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

import { join } from 'node:path';
import type { NatsConnection } from '@nats-io/transport-node';
import { hubJetStreamManager } from './jetstream-domain.js';
import { writeNatsServerFiles, type NatsServerFiles } from './nats-accounts.js';
import type { NatsIdentity } from './nats-permissions.js';

/** One node of a generated cluster: its files, its name in the cluster, and its client and route ports. */
export interface NatsClusterNodeFiles extends NatsServerFiles {
  serverName: string;
  port: number;
  routePort: number;
}

export interface NatsClusterFiles {
  /** The passwords, shared by every node: a client keeps its identity when it fails over. */
  identitiesDir: string;
  nodes: NatsClusterNodeFiles[];
  /** Every node's client URL, comma-separated: what NATS_URL is set to, so clients know all of them. */
  url: string;
}

/**
 * Writes one configuration per node (`<dir>/node-<n>/`) with the same accounts and users as the single server, routes
 * between all nodes, and JetStream in each node's own store: a cluster that holds R3 streams on one machine.
 */
export function writeNatsClusterFiles(
  dir: string,
  identities: NatsIdentity[],
  ports: Array<{ port: number; routePort: number }>,
  clusterName = 'hub',
): NatsClusterFiles {
  const identitiesDir = join(dir, 'users');
  const routePorts = ports.map(({ routePort }) => routePort);
  const nodes = ports.map(({ port, routePort }, index) => {
    const serverName = `${clusterName}-${index + 1}`;
    const cluster = { clusterName, serverName, routePort, routePorts };
    return { ...writeNatsServerFiles(join(dir, `node-${index + 1}`), identities, port, { identitiesDir, cluster }), serverName, port, routePort };
  });
  return { identitiesDir, nodes, url: nodes.map(({ port }) => `nats://127.0.0.1:${port}`).join(',') };
}

/**
 * Resolves once the connection's server knows `size` servers and JetStream answers (the cluster elected its metadata
 * leader): before that, a service would declare its streams with one replica, or not at all. Bounded, for start-up.
 */
export async function awaitNatsCluster(nc: NatsConnection, size: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // Not checked here: the check is what this loop repeats until the cluster answers.
  const jsm = await hubJetStreamManager(nc, { checkAPI: false });
  for (;;) {
    const known = nc.info?.connect_urls?.length ?? 0;
    const jetStream =
      known >= size
        ? await jsm.getAccountInfo().then(
            () => true,
            () => false,
          )
        : false;
    if (jetStream) return;
    if (Date.now() > deadline)
      throw new Error(`the NATS cluster did not form: ${known} of ${size} servers known, JetStream ${jetStream ? 'ready' : 'not ready'}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

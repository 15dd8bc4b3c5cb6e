import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsIdentityEnv, writeNatsServerFiles, type NatsServerFiles } from '../messaging/nats-accounts.js';
import { awaitNatsCluster, writeNatsClusterFiles, type NatsClusterFiles } from '../messaging/nats-cluster.js';
import { writeLeafNodeFiles } from '../messaging/nats-leaf.js';
import { natsServersOf } from '../messaging/nats.js';
import { inboxPrefixOf, natsIdentitiesFor } from '../messaging/nats-permissions.js';
import type { HubKind } from '../workspace/hub-workspaces.js';
import { freePort } from './free-port.js';

/** Where the Debian package puts nats-server; tests that must own a server are skipped without one. */
export const NATS_SERVER_BINARY = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path));

/** A nats-server of a test's own, configured exactly as `npm start` configures the hub's, in a temporary folder. */
export interface PrivateNats {
  url: string;
  files: NatsServerFiles;
  /** With `jetStreamDomain`: where the regions' leaf nodes connect (`startPrivateLeaf`). */
  leafUrl?: string;
  jetStreamDomain?: string;
  /** The environment that makes a process connect as `user`. */
  identityEnv(user: string): Record<string, string>;
  /** Connects as `user` with its generated password, as a service would (its own inbox prefix, no reconnects). */
  connectAs(user: string): Promise<NatsConnection>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes its folder. */
  dispose(): Promise<void>;
}

/**
 * `namespace` pins the permissions to one namespace, as production's (`hub`) are; by default they name `*`, as the
 * development server's do.
 */
export async function startPrivateNats(
  services: Array<{ name: string; kind: HubKind }>,
  options: { testIdentity?: boolean; namespace?: string; carriers?: string[]; jetStreamDomain?: string } = {},
): Promise<PrivateNats> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
  const port = await freePort();
  const identities = natsIdentitiesFor(services, {
    testIdentity: options.testIdentity ?? true,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.carriers ? { carriers: options.carriers } : {}),
    ...(options.jetStreamDomain ? { jetStreamDomain: options.jetStreamDomain } : {}),
  });
  const leaves = options.jetStreamDomain ? { port: await freePort(), jetStreamDomain: options.jetStreamDomain } : undefined;
  const files = writeNatsServerFiles(dir, identities, port, leaves ? { leaves } : {});
  let server: ChildProcess | undefined;
  const start = async () => {
    server = await spawnNatsServer(['-c', files.configFile]);
  };
  const stop = () => stopNatsServer(server);
  await start();
  const url = `nats://127.0.0.1:${port}`;
  return {
    url,
    files,
    ...(leaves ? { leafUrl: `nats-leaf://127.0.0.1:${leaves.port}`, jetStreamDomain: leaves.jetStreamDomain } : {}),
    identityEnv: (user) => natsIdentityEnv(files.identitiesDir, user),
    connectAs: (user) =>
      connect({
        servers: url,
        name: user,
        user,
        pass: readFileSync(natsIdentityEnv(files.identitiesDir, user).NATS_PASSWORD_FILE!, 'utf8').trim(),
        inboxPrefix: inboxPrefixOf(user),
        reconnect: false,
      }),
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A region's leaf node attached to a private centre (`startPrivateNats` with `jetStreamDomain`). */
export interface PrivateNatsLeaf {
  url: string;
  /** Connects to the leaf as `user` (one of the region's), reconnecting endlessly as a service does. */
  connectAs(user: string): Promise<NatsConnection>;
  /** Starts the leaf; resolves once its link to the centre is up. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the leaf node of the region served by `regionService` (e.g. `region-cn`), with that service's user, from
 * the configuration `writeLeafNodeFiles` generates; resolves once the leaf has linked to the centre.
 */
export async function startPrivateLeaf(
  centre: PrivateNats,
  regionService: { name: string; kind: HubKind },
  namespace?: string,
  linkUser = regionService.name,
): Promise<PrivateNatsLeaf> {
  if (!centre.leafUrl || !centre.jetStreamDomain) throw new Error('the centre has no leaf port: start it with jetStreamDomain');
  const identities = natsIdentitiesFor([regionService], {
    jetStreamDomain: centre.jetStreamDomain,
    ...(namespace ? { namespace } : {}),
  });
  const port = await freePort();
  const files = writeLeafNodeFiles(join(centre.files.identitiesDir, '..', `leaf-${regionService.name}`), {
    serverName: `leaf-${regionService.name}`,
    identities,
    identitiesDir: centre.files.identitiesDir,
    linkUser,
    port,
    centreLeafUrls: [centre.leafUrl],
  });
  let server: ChildProcess | undefined;
  const start = async () => {
    server = await spawnNatsServer(['-c', files.configFile], 'Leafnode connection created');
  };
  await start();
  return {
    url: files.url,
    connectAs: (user) =>
      connect({
        servers: files.url,
        name: user,
        user,
        pass: readFileSync(natsIdentityEnv(centre.files.identitiesDir, user).NATS_PASSWORD_FILE!, 'utf8').trim(),
        inboxPrefix: inboxPrefixOf(user),
        maxReconnectAttempts: -1,
        reconnectTimeWait: 250,
      }),
    start,
    stop: () => stopNatsServer(server),
  };
}

/**
 * A server that lets anyone in, as a NATS without accounts does: what production must refuse. With `jetStreamDir`
 * it runs JetStream stored there, and can be stopped and started again on the same port (restart and lost-store tests).
 */
export async function startOpenNats(options: { jetStreamDir?: string } = {}): Promise<{
  url: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  dispose(): Promise<void>;
}> {
  const port = await freePort();
  const args = ['-a', '127.0.0.1', '-p', String(port), ...(options.jetStreamDir ? ['-js', '-sd', options.jetStreamDir] : [])];
  let server: ChildProcess | undefined = await spawnNatsServer(args);
  return {
    url: `nats://127.0.0.1:${port}`,
    async start() {
      server = await spawnNatsServer(args);
    },
    stop: () => stopNatsServer(server),
    dispose: () => stopNatsServer(server),
  };
}

/** A private cluster of nats-servers, configured as `HUB_NATS_CLUSTER=3` configures the hub's. */
export interface PrivateNatsCluster extends Omit<PrivateNats, 'files' | 'start' | 'stop'> {
  /** Every node's URL, comma-separated: a client given it fails over between the nodes. */
  url: string;
  files: NatsClusterFiles;
  /** Connects as `user` to the given node only (0-based), e.g. to ask a node that just came back. */
  connectToNode(node: number, user: string): Promise<NatsConnection>;
  /** Kills one node (SIGKILL by default: no goodbye to its peers or clients, as a crashed machine). */
  stopNode(node: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts a stopped node again on its store; resolves once it has rejoined the cluster's JetStream. */
  startNode(node: number): Promise<void>;
}

/** Starts `size` nodes with the same users as `startPrivateNats`; resolves once the cluster has formed. */
export async function startPrivateNatsCluster(
  services: Array<{ name: string; kind: HubKind }>,
  options: { size?: number; testIdentity?: boolean } = {},
): Promise<PrivateNatsCluster> {
  const size = options.size ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'hub-nats-cluster-'));
  const ports = await Promise.all(Array.from({ length: size }, async () => ({ port: await freePort(), routePort: await freePort() })));
  const files = writeNatsClusterFiles(dir, natsIdentitiesFor(services, { testIdentity: options.testIdentity ?? true }), ports);
  const servers: Array<ChildProcess | undefined> = [];
  // Not the log's "metadata leader" line: a node that joins a cluster whose leader stays may never print it (a CI run
  // waited on it for a minute). The node serves clients first; JetStream is then asked through it (`awaitNatsCluster`).
  const spawnNode = async (node: number) => {
    servers[node] = await spawnNatsServer(['-c', files.nodes[node]!.configFile]);
  };
  const probeUser = options.testIdentity === false ? services[0]!.name : 'hub-test';
  const passwordOf = (user: string) => readFileSync(natsIdentityEnv(files.identitiesDir, user).NATS_PASSWORD_FILE!, 'utf8').trim();
  const connectTo = (servers: string[], user: string, reconnect: boolean) =>
    connect({
      servers,
      name: user,
      user,
      pass: passwordOf(user),
      inboxPrefix: inboxPrefixOf(user),
      reconnect,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
  const stopAll = () => Promise.all(servers.map((server) => stopNatsServer(server, 'SIGKILL')));
  const awaitJetStreamThrough = async (servers: string[]) => {
    const probe = await connectTo(servers, probeUser, false);
    await awaitNatsCluster(probe, size).finally(() => probe.close());
  };
  const startNode = async (node: number) => {
    await spawnNode(node);
    await awaitJetStreamThrough([`nats://127.0.0.1:${files.nodes[node]!.port}`]);
  };
  try {
    await Promise.all(files.nodes.map((_, node) => spawnNode(node)));
    await awaitJetStreamThrough(natsServersOf(files.url));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    url: files.url,
    files,
    identityEnv: (user) => natsIdentityEnv(files.identitiesDir, user),
    connectAs: (user) => connectTo(natsServersOf(files.url), user, true),
    connectToNode: (node, user) => connectTo([`nats://127.0.0.1:${files.nodes[node]!.port}`], user, false),
    stopNode: (node, signal = 'SIGKILL') => stopNatsServer(servers[node], signal),
    startNode,
    async dispose() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function spawnNatsServer(args: string[], readyText = 'Server is ready'): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    if (!NATS_SERVER_BINARY) throw new Error('nats-server is not installed');
    const child = spawn(NATS_SERVER_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let seen = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      // The text can straddle two chunks.
      seen = `${seen.slice(-readyText.length)}${chunk.toString()}`;
      if (seen.includes(readyText)) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}`)));
  });
}

async function stopNatsServer(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

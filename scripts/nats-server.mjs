// The hub's own NATS server for `npm start`, `npm test` and `npm run bench` when no NATS_URL is given: generated
// from the workspace (one user per service, with its permissions), passwords created at first start in .hub/nats/
// (git-ignored, never printed), JetStream stored there too, on a port of its own so that an open NATS on 4222 is
// never used by mistake. Runs after the build: the permissions come from the compiled shared package.
// HUB_NATS_CLUSTER=3 runs a cluster of that many nodes instead (same users, routes on local ports, JetStream per node
// in .hub/nats-cluster/node-<n>/), and NATS_URL lists every node so that clients fail over.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { natsIdentityEnv, writeNatsServerFiles } from '@hub/shared/messaging/nats-accounts';
import { connectNats, natsAuthOf } from '@hub/shared/messaging/nats';
import { awaitNatsCluster, writeNatsClusterFiles } from '@hub/shared/messaging/nats-cluster';
import { natsIdentitiesFor, TEST_IDENTITY } from '@hub/shared/messaging/nats-permissions';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { isTcpReachable, natsServerBinary, waitForTcp } from './infra.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4322;
const log = (msg) => process.stderr.write(`[infra] ${msg}\n`);
/** Servers this process started (not those it found running), for `stopStartedHubNats`. */
const started = [];

/**
 * Starts (or reuses, or reloads after the workspace changed) the generated server. Returns the environment every
 * process gets: the URL, where the identities are (each service is then given its own, see `natsIdentityEnv`),
 * and the test identity for test drivers and benchmarks.
 */
export async function ensureHubNats(root) {
  const clusterSize = Number(process.env.HUB_NATS_CLUSTER ?? 1);
  if (!Number.isInteger(clusterSize) || clusterSize < 1) throw new Error(`HUB_NATS_CLUSTER must be a node count, not "${process.env.HUB_NATS_CLUSTER}"`);
  if (clusterSize > 1) return ensureHubNatsCluster(root, clusterSize);
  const dir = path.join(root, '.hub', 'nats');
  const configFile = path.join(dir, 'nats.conf');
  const previous = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const previousPort = Number(/^listen: "[^:]+:(\d+)"/m.exec(previous)?.[1] ?? 0);
  const pid = runningPid(path.join(dir, 'nats.pid'));
  const running = Boolean(pid && previousPort && (await isTcpReachable(HOST, previousPort)));
  let port = running ? previousPort : await choosePort(previousPort);
  let files = writeNatsServerFiles(dir, hubIdentities(root), port);
  await startOrReload({ dir, files, port, pid: running ? pid : undefined, previous });
  // Another checkout starting at the same moment may have taken the port between the check and the start: its server
  // then answers on it and ours exits, and every service would be refused by a server with other passwords. Only a
  // server that knows this checkout's identities is ours; otherwise ours starts again on a port nobody chose.
  while (!(await answersAsOurs(files, port))) {
    log(`the NATS server on ${HOST}:${port} is not this checkout's; starting ours on another port`);
    await stopStartedHubNats();
    port = await choosePort(0, 0);
    files = writeNatsServerFiles(dir, hubIdentities(root), port);
    await startOrReload({ dir, files, port, pid: undefined, previous: '' });
  }
  log(`NATS (authenticated) reachable at ${HOST}:${port}`);
  return {
    NATS_URL: `nats://${HOST}:${port}`,
    HUB_NATS_IDENTITIES: files.identitiesDir,
    ...natsIdentityEnv(files.identitiesDir, TEST_IDENTITY),
  };
}

/**
 * The cluster: a node still running is reused (reloaded when the workspace changed), a stopped one started again on
 * its store and ports; nodes that never ran get ports 4332+, 6332+ for routes (or free ones). Resolves once the cluster
 * has formed and JetStream answers, so that services declare their streams with three replicas.
 */
async function ensureHubNatsCluster(root, size) {
  const dir = path.join(root, '.hub', 'nats-cluster');
  const nodeDirs = Array.from({ length: size }, (_, index) => path.join(dir, `node-${index + 1}`));
  const previous = nodeDirs.map((nodeDir) => {
    const file = path.join(nodeDir, 'nats.conf');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  });
  const previousPorts = previous.map((text) => ({
    port: Number(/^listen: "[^:]+:(\d+)"/m.exec(text)?.[1] ?? 0),
    routePort: Number(/^ {2}listen: "[^:]+:(\d+)"/m.exec(text)?.[1] ?? 0),
  }));
  const pids = await Promise.all(
    nodeDirs.map(async (nodeDir, index) => {
      const pid = runningPid(path.join(nodeDir, 'nats.pid'));
      return pid && previousPorts[index].port && (await isTcpReachable(HOST, previousPorts[index].port)) ? pid : undefined;
    }),
  );
  const ports = [];
  for (const [index, { port, routePort }] of previousPorts.entries()) {
    // A running node's peers know it by its ports: keep them. Otherwise the ports it had, if free.
    if (pids.some(Boolean) && port && routePort) ports.push({ port, routePort });
    else ports.push({ port: await choosePort(port, 4332 + index), routePort: await choosePort(routePort, 6332 + index) });
  }
  const files = writeNatsClusterFiles(dir, hubIdentities(root), ports);
  for (const [index, node] of files.nodes.entries())
    await startOrReload({ dir: nodeDirs[index], files: node, port: node.port, pid: pids[index], previous: previous[index] });
  const probe = await connectNats(files.url, 'hub-setup', natsAuthOf(natsIdentityEnv(files.identitiesDir, TEST_IDENTITY)));
  try {
    await awaitNatsCluster(probe, size);
  } finally {
    await probe.close();
  }
  log(`NATS cluster of ${size} (authenticated) reachable at ${files.url}`);
  return { NATS_URL: files.url, HUB_NATS_IDENTITIES: files.identitiesDir, ...natsIdentityEnv(files.identitiesDir, TEST_IDENTITY) };
}

function hubIdentities(root) {
  // Carriers that send scans over NATS get a user each (HUB_NATS_CARRIERS=sf-express,dhl); over HTTP they need none.
  const carriers = (process.env.HUB_NATS_CARRIERS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return natsIdentitiesFor(discoverHubServices(root), { testIdentity: true, carriers });
}

async function answersAsOurs(files, port) {
  try {
    const probe = await connectNats(`nats://${HOST}:${port}`, 'hub-setup', natsAuthOf(natsIdentityEnv(files.identitiesDir, TEST_IDENTITY)));
    await probe.close();
    return true;
  } catch {
    return false;
  }
}

/** Reloads a running server whose configuration changed (SIGHUP), or starts one detached, logging to its folder. */
async function startOrReload({ dir, files, port, pid, previous }) {
  if (pid) {
    if (readFileSync(files.configFile, 'utf8') !== previous) {
      log(`workspace changed: reloading the users of the NATS server on port ${port}`);
      process.kill(pid, 'SIGHUP');
    }
    return;
  }
  const logFile = path.join(dir, 'nats.log');
  log(`starting nats-server on ${HOST}:${port} with accounts from the workspace, JetStream in ${files.storeDir}`);
  const fd = openSync(logFile, 'a');
  const child = spawn(natsServerBinary(), ['-c', files.configFile], { detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  child.unref();
  started.push(child);
  if (!(await waitForTcp(HOST, port, 30_000))) throw new Error(`nats-server did not open ${HOST}:${port}; see ${logFile}`);
}

/**
 * Stops the servers this process started and waits for them to exit (JetStream flushes its store on SIGTERM), so a
 * test run leaves no server behind; one that was already running when it began (`npm start`'s) is left alone.
 */
export async function stopStartedHubNats() {
  await Promise.all(
    started.splice(0).map((child) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      // Held until it exits: unreferenced, the child would let this process end before it is gone.
      child.ref();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}

function runningPid(pidFile) {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/** The port used before if it is free again, else 4322 (or HUB_NATS_PORT, or the given default), else any free one. */
async function choosePort(previousPort, defaultPort = Number(process.env.HUB_NATS_PORT ?? DEFAULT_PORT)) {
  for (const candidate of [previousPort, defaultPort]) {
    if (candidate && !(await isTcpReachable(HOST, candidate, 500))) return candidate;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

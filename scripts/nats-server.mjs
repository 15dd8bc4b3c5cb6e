// The hub's own NATS server for `npm start`, `npm test` and `npm run bench` when no NATS_URL is given: generated
// from the workspace (one user per service, with its permissions), passwords created at first start in .hub/nats/
// (git-ignored, never printed), JetStream stored there too, on a port of its own so that an open NATS on 4222 is
// never used by mistake. Runs after the build: the permissions come from the compiled shared package.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { natsIdentityEnv, writeNatsServerFiles } from '@hub/shared/messaging/nats-accounts';
import { natsIdentitiesFor, TEST_IDENTITY } from '@hub/shared/messaging/nats-permissions';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { isTcpReachable, natsServerBinary, waitForTcp } from './infra.mjs';

const HOST = '127.0.0.1';
const DEFAULT_PORT = 4322;
const log = (msg) => process.stderr.write(`[infra] ${msg}\n`);

/**
 * Starts (or reuses, or reloads after the workspace changed) the generated server. Returns the environment every
 * process gets: the URL, where the identities are (each service is then given its own, see `natsIdentityEnv`),
 * and the test identity for test drivers and benchmarks.
 */
export async function ensureHubNats(root) {
  const dir = path.join(root, '.hub', 'nats');
  const configFile = path.join(dir, 'nats.conf');
  const previous = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const previousPort = Number(/^listen: "[^:]+:(\d+)"/m.exec(previous)?.[1] ?? 0);
  const pid = runningPid(path.join(dir, 'nats.pid'));
  const running = Boolean(pid && previousPort && (await isTcpReachable(HOST, previousPort)));
  const port = running ? previousPort : await choosePort(previousPort);
  // Carriers that send scans over NATS get a user each (HUB_NATS_CARRIERS=sf-express,dhl); over HTTP they need none.
  const carriers = (process.env.HUB_NATS_CARRIERS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const identities = natsIdentitiesFor(discoverHubServices(root), { testIdentity: true, carriers });
  const files = writeNatsServerFiles(dir, identities, port);
  if (running) {
    if (readFileSync(configFile, 'utf8') !== previous) {
      log("workspace changed: reloading the hub NATS server's users");
      process.kill(pid, 'SIGHUP');
    }
  } else {
    const logFile = path.join(dir, 'nats.log');
    log(`starting nats-server on ${HOST}:${port} with accounts from the workspace, JetStream in ${files.storeDir}`);
    const fd = openSync(logFile, 'a');
    const child = spawn(natsServerBinary(), ['-c', files.configFile], { detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.unref();
    if (!(await waitForTcp(HOST, port, 30_000))) throw new Error(`nats-server did not open ${HOST}:${port}; see ${logFile}`);
  }
  log(`NATS (authenticated) reachable at ${HOST}:${port}`);
  return {
    NATS_URL: `nats://${HOST}:${port}`,
    HUB_NATS_IDENTITIES: files.identitiesDir,
    ...natsIdentityEnv(files.identitiesDir, TEST_IDENTITY),
  };
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

/** The port used before if it is free again, else 4322 (or HUB_NATS_PORT), else any free one. */
async function choosePort(previousPort) {
  for (const candidate of [previousPort, Number(process.env.HUB_NATS_PORT ?? DEFAULT_PORT)]) {
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

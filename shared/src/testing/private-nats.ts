import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsIdentityEnv, writeNatsServerFiles, type NatsServerFiles } from '../messaging/nats-accounts.js';
import { inboxPrefixOf, natsIdentitiesFor } from '../messaging/nats-permissions.js';
import type { HubKind } from '../workspace/hub-workspaces.js';

/** Where the Debian package puts nats-server; tests that must own a server are skipped without one. */
export const NATS_SERVER_BINARY = ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'].find((path) => existsSync(path));

/** A nats-server of a test's own, configured exactly as `npm start` configures the hub's, in a temporary folder. */
export interface PrivateNats {
  url: string;
  files: NatsServerFiles;
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
  options: { testIdentity?: boolean; namespace?: string; carriers?: string[] } = {},
): Promise<PrivateNats> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-nats-'));
  const port = await freePort();
  const identities = natsIdentitiesFor(services, {
    testIdentity: options.testIdentity ?? true,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.carriers ? { carriers: options.carriers } : {}),
  });
  const files = writeNatsServerFiles(dir, identities, port);
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

function spawnNatsServer(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    if (!NATS_SERVER_BINARY) throw new Error('nats-server is not installed');
    const child = spawn(NATS_SERVER_BINARY, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Server is ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`nats-server exited with ${code}`)));
  });
}

async function stopNatsServer(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

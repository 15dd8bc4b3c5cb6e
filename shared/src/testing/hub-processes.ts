import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import type { BaseEnv } from '../env.js';

/** The hub's services, each run from its compiled `dist/main.js` as a real process. */
export const HUB_SERVICES = {
  'core-orders': 'subgraphs/core-orders',
  'region-cn': 'subgraphs/region-cn',
  'region-de': 'subgraphs/region-de',
  'region-sea': 'subgraphs/region-sea',
  tracking: 'subgraphs/tracking',
  gateway: 'gateway',
} as const;
export type HubService = keyof typeof HUB_SERVICES;

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface HubProcesses {
  gatewayUrl: string;
  urls: Record<HubService, string>;
  /** Every JSON log line any service printed, for tests that search logs for personal data. */
  logs: string[];
  stop(service: HubService, signal?: NodeJS.Signals): Promise<void>;
  start(service: HubService): Promise<void>;
  close(): Promise<void>;
}

/** The log line that says a service is ready: subgraphs once the registry accepted their schema. */
const READY_MESSAGE: Record<HubService, string> = {
  'core-orders': 'schema accepted by the registry',
  'region-cn': 'schema accepted by the registry',
  'region-de': 'schema accepted by the registry',
  'region-sea': 'schema accepted by the registry',
  tracking: 'schema accepted by the registry',
  gateway: 'gateway listening',
};

/**
 * Starts the whole hub as separate processes on free ports, against the given database and NATS
 * namespace: core first, then the regions, then the gateway, each once the previous ones have logged that
 * they are ready (no polling, no sleeps), so the gateway's first supergraph already holds every subgraph.
 */
export async function startHubProcesses(env: BaseEnv, extraEnv: Record<string, string> = {}): Promise<HubProcesses> {
  const services = Object.keys(HUB_SERVICES) as HubService[];
  const ports = Object.fromEntries(await Promise.all(services.map(async (service) => [service, await freePort()] as const))) as Record<HubService, number>;
  const urls = Object.fromEntries(services.map((service) => [service, `http://127.0.0.1:${ports[service]}`])) as Record<HubService, string>;
  const children = new Map<HubService, ChildProcess>();
  const logs: string[] = [];
  const subgraphOverrides = Object.fromEntries(services.filter((s) => s !== 'gateway')
    .map((service) => [`SUBGRAPH_URL_${service.toUpperCase().replaceAll('-', '_')}`, `${urls[service]}/graphql`]));

  const start = (service: HubService) => new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: `${repositoryRoot}${HUB_SERVICES[service]}`,
      env: { ...process.env, ...stringValues(env), LOG_LEVEL: 'info', PORT: String(ports[service]), REGISTRATION_SWEEP_MS: '500', ...subgraphOverrides, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(service, child);
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      logs.push(line);
      if (line.includes(`"msg":"${READY_MESSAGE[service]}"`)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${service} exited with ${code} before listening: ${stderr.join('').slice(-2000)}`)));
  });

  const stop = async (service: HubService, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = children.get(service);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };

  try {
    await start('core-orders');
    await Promise.all(services.filter((service) => service !== 'core-orders' && service !== 'gateway').map(start));
    await start('gateway');
  } catch (error) {
    await Promise.all(services.map((service) => stop(service, 'SIGKILL')));
    throw error;
  }
  return {
    gatewayUrl: urls.gateway,
    urls,
    logs,
    stop,
    start,
    close: async () => {
      await Promise.all(services.map((service) => stop(service)));
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stringValues(values: object): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}

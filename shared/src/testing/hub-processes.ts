import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { BaseEnv } from '../env.js';
import { natsIdentityEnv } from '../messaging/nats-accounts.js';
import { freePort } from './free-port.js';
import { discoverHubServices, readyMessage, serviceProcess, startWaves, type HubService } from '../workspace/hub-workspaces.js';

export interface HubProcesses {
  gatewayUrl: string;
  /** Each service's base URL by name (`core-orders`, `region-cn`, …, `gateway`). */
  urls: Record<string, string>;
  /** One service's base URL; an unknown name throws. */
  url(service: string): string;
  /** Every JSON log line any service printed, for tests that search logs for personal data. */
  logs: string[];
  stop(service: string, signal?: NodeJS.Signals): Promise<void>;
  start(service: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts every service of the workspace (see `discoverHubServices`) as a separate process from its compiled
 * bundle (`dist/bundle.js`), on free ports, against the given database and NATS namespace. Services start in waves
 * (core, domain subgraphs, regions, gateway), each once the previous wave has logged that it is ready (no
 * polling, no sleeps), so the gateway's first supergraph already holds every subgraph.
 *
 * `only` starts just the named services (still in waves): a suite that needs core, two regions and the gateway
 * does not wait for the domain subgraphs, nor share the machine's cores with their start-up. The others keep their
 * ports in `urls`, and `start` can still start them. `natsIdentities` is the folder of a private NATS server's
 * passwords (`PrivateNats.files.identitiesDir`), for a test that runs the hub on a server of its own. `serviceEnv`
 * adds settings for single services (a region attached to its own leaf node: its `NATS_URL`).
 */
export async function startHubProcesses(
  env: BaseEnv,
  extraEnv: Record<string, string> = {},
  root?: string,
  options: { only?: string[]; natsIdentities?: string; serviceEnv?: Record<string, Record<string, string>> } = {},
): Promise<HubProcesses> {
  const services = discoverHubServices(root);
  const unknown = options.only?.filter((name) => !services.some((service) => service.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`no hub service ${unknown.join(', ')}; known: ${services.map((service) => service.name).join(', ')}`);
  const started = options.only ? services.filter((service) => options.only!.includes(service.name)) : services;
  const byName = new Map(services.map((service) => [service.name, service]));
  const ports = new Map(await Promise.all(services.map(async (service) => [service.name, await freePort()] as const)));
  const urls = Object.fromEntries(services.map((service) => [service.name, `http://127.0.0.1:${ports.get(service.name)}`]));
  const children = new Map<string, ChildProcess>();
  const logs: string[] = [];
  const subgraphUrls = Object.fromEntries(
    services
      .filter((service) => service.subgraph)
      .map((service) => [`SUBGRAPH_URL_${service.name.toUpperCase().replaceAll('-', '_')}`, `${urls[service.name]}/graphql`]),
  );

  const serviceNamed = (name: string): HubService => {
    const service = byName.get(name);
    if (!service) throw new Error(`no hub service "${name}"; known: ${[...byName.keys()].join(', ')}`);
    return service;
  };

  const start = (name: string) =>
    new Promise<void>((resolve, reject) => {
      const service = serviceNamed(name);
      const { args, env: processEnv } = serviceProcess(service);
      const child = spawn(process.execPath, args, {
        cwd: service.dir,
        env: {
          ...process.env,
          ...stringValues(env),
          ...processEnv,
          ...identityOf(name, options.natsIdentities),
          LOG_LEVEL: 'info',
          PORT: String(ports.get(name)),
          ...subgraphUrls,
          ...extraEnv,
          ...options.serviceEnv?.[name],
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.set(name, child);
      const stderr: string[] = [];
      const stdout: string[] = [];
      child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        logs.push(line);
        stdout.push(line);
        if (line.includes(`"msg":"${readyMessage(service)}"`)) resolve();
      });
      // A service logs why it stopped on stdout (JSON lines): its last lines say more than stderr.
      const why = () => `${stderr.join('').slice(-1000)}${stdout.slice(-5).join('\n').slice(-2000)}`;
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before it was ready: ${why()}`)));
    });

  const stop = async (name: string, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = children.get(serviceNamed(name).name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  };

  try {
    for (const wave of startWaves(started)) await Promise.all(wave.map((service) => start(service.name)));
  } catch (error) {
    await Promise.all(services.map((service) => stop(service.name, 'SIGKILL')));
    throw error;
  }
  return {
    gatewayUrl: urls.gateway!,
    urls,
    url: (name) => urls[serviceNamed(name).name]!,
    logs,
    stop,
    start,
    close: async () => {
      await Promise.all(services.map((service) => stop(service.name)));
    },
  };
}

/** On the hub's generated NATS server (`HUB_NATS_IDENTITIES` set by `npm test`), each service connects as itself. */
function identityOf(service: string, identities = process.env.HUB_NATS_IDENTITIES): Record<string, string> {
  return identities ? natsIdentityEnv(identities, service) : {};
}

function stringValues(values: object): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}

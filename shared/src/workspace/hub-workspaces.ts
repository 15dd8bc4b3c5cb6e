import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What a workspace is to the hub, in start-up order: core holds the registry everything registers with,
 * domain subgraphs serve the regions, and the gateway comes last so its first supergraph has them all.
 */
export const HUB_KINDS = ['core', 'domain', 'region', 'gateway'] as const;
export type HubKind = (typeof HUB_KINDS)[number];

/**
 * The `hub` field of a workspace's package.json. A subgraph declares its name and routing URL; `kind`
 * defaults to `domain`. `seed` names a module (relative to the workspace) exporting `seedDemo(context)`,
 * which `npm start` runs once everything is up; `seedAfter` holds it back until the seeds of that kind are done
 * (tracking follows parcels of the orders the regions seed).
 */
export interface HubManifest {
  kind?: HubKind;
  subgraph?: string;
  routingUrl?: string;
  seed?: string;
  seedAfter?: HubKind;
}

/** A workspace of the repository: every one has tests; those with a `hub` field are also started. */
export interface Workspace {
  /** Folder relative to the repository root, e.g. `subgraphs/region-cn`. */
  path: string;
  /** Absolute folder. */
  dir: string;
  packageName: string;
  hub?: HubService;
}

/** A service `npm start` and the test harness run from its compiled `dist/main.js`. */
export interface HubService {
  /** The subgraph name, or the folder name for the gateway. */
  name: string;
  /** Absolute folder of the workspace. */
  dir: string;
  kind: HubKind;
  subgraph?: { name: string; routingUrl: string };
  /** Absolute path of the demo seed module, if the workspace has one. */
  seed?: string;
  /** The kind whose seeds must be done before this one's runs. */
  seedAfter?: HubKind;
}

export const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Lists the workspaces named by the root package.json's `workspaces` (plain folders and `folder/*`), in
 * that order, folders sorted by name: a new folder is found without any central list.
 */
export function discoverWorkspaces(root = repositoryRoot): Workspace[] {
  const patterns = (readJson(join(root, 'package.json')) as { workspaces: string[] }).workspaces;
  return patterns
    .flatMap((pattern) => expand(root, pattern))
    .map((path) => {
      const dir = join(root, path);
      const manifest = readJson(join(dir, 'package.json')) as { name: string; hub?: HubManifest };
      return { path, dir, packageName: manifest.name, ...(manifest.hub ? { hub: toService(path, dir, manifest.hub) } : {}) };
    });
}

/** The services of the hub, in the order they start. */
export function discoverHubServices(root = repositoryRoot): HubService[] {
  const services = discoverWorkspaces(root).flatMap((workspace) => (workspace.hub ? [workspace.hub] : []));
  return services.sort((a, b) => HUB_KINDS.indexOf(a.kind) - HUB_KINDS.indexOf(b.kind));
}

/** Services grouped into start-up waves: each wave starts once the one before is ready. */
export function startWaves<T extends Pick<HubService, 'kind'>>(services: T[]): T[][] {
  return HUB_KINDS.map((kind) => services.filter((service) => service.kind === kind)).filter((wave) => wave.length > 0);
}

/**
 * Seeds grouped into waves: by kind like start-up, except that a seed with `seedAfter` runs in a wave of its
 * own right after that kind's seeds.
 */
export function seedWaves<T extends Pick<HubService, 'kind' | 'seedAfter'>>(services: T[]): T[][] {
  const rank = (service: T) => (service.seedAfter ? HUB_KINDS.indexOf(service.seedAfter) + 0.5 : HUB_KINDS.indexOf(service.kind));
  const ranks = [...new Set(services.map(rank))].sort((a, b) => a - b);
  return ranks.map((r) => services.filter((service) => rank(service) === r));
}

/**
 * The young generation's cap, the same in every service's `start` script. Node sizes it by the machine's memory: on
 * 24 GiB it commits up to 128 MiB of semi-spaces, most of a service's 200 MB budget (issue 18); 16 MiB semi-spaces
 * took 60–100 MiB off each service's RSS under the placement bench at no CPU per order the bench could tell apart.
 */
export const YOUNG_GENERATION_FLAG = '--max-semi-space-size=16';

/**
 * How a service process is started from its workspace folder: tracing is set up by `--import` before the service's
 * modules load (telemetry/register.ts), and its spans carry the service's name.
 */
export const serviceProcess = (service: Pick<HubService, 'name'>) => ({
  args: [YOUNG_GENERATION_FLAG, '--import', '@hub/shared/telemetry/register', 'dist/main.js'],
  env: { OTEL_SERVICE_NAME: service.name },
});

/** The log message that says a service is ready for the next wave: subgraphs once the registry accepted their schema. */
export const readyMessage = (service: Pick<HubService, 'kind'>) => (service.kind === 'gateway' ? 'gateway listening' : 'schema accepted by the registry');

function toService(path: string, dir: string, hub: HubManifest): HubService {
  const kind = hub.kind ?? 'domain';
  if (!HUB_KINDS.includes(kind)) throw new Error(`${path}/package.json: hub.kind must be one of ${HUB_KINDS.join(', ')}`);
  if (kind !== 'gateway' && !(hub.subgraph && hub.routingUrl)) throw new Error(`${path}/package.json: a subgraph needs hub.subgraph and hub.routingUrl`);
  if (hub.seedAfter && !HUB_KINDS.includes(hub.seedAfter)) throw new Error(`${path}/package.json: hub.seedAfter must be one of ${HUB_KINDS.join(', ')}`);
  return {
    name: hub.subgraph ?? path.split('/').pop()!,
    dir,
    kind,
    ...(hub.subgraph && hub.routingUrl ? { subgraph: { name: hub.subgraph, routingUrl: hub.routingUrl } } : {}),
    ...(hub.seed ? { seed: join(dir, hub.seed) } : {}),
    ...(hub.seedAfter ? { seedAfter: hub.seedAfter } : {}),
  };
}

function expand(root: string, pattern: string): string[] {
  if (!pattern.endsWith('/*')) return [pattern];
  const parent = pattern.slice(0, -2);
  return readdirSync(join(root, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, parent, entry.name, 'package.json')))
    .map((entry) => `${parent}/${entry.name}`)
    .sort();
}

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

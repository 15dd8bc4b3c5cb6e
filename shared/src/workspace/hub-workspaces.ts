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

/** A service `npm start` and the test harness run from its bundle (SERVICE_BUNDLE). */
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
 * How Node's memory is sized in every service, the same in every `start` script (issue 18: 200 MB per service).
 * Node sizes the young generation by the machine (up to 128 MiB of semi-spaces on 24 GiB) and lets the old
 * generation grow up to 4× its live set between full collections. glibc gives each thread its own malloc arena and
 * raises its mmap threshold each time a mapped block is freed, so after start-up blocks of tens of KiB land in the
 * arenas, where the holes they leave between live blocks are never returned: under load 36 of region-cn's
 * 53 MiB of arenas were free (`malloc_info`), and `malloc_trim` gave back 32 MiB. A fixed 16 KiB threshold maps
 * larger blocks on their own, so freeing one returns it. Measured under the placement bench (`bench/soak.mjs`):
 * 8 MiB semi-spaces, 1.25× growth, two arenas and the fixed threshold took the largest services from 300–390 to
 * 180–203 MiB, without early peaks (the bundle, SERVICE_BUNDLE, took them on to 169–185). 1.25× rather than 1.5×
 * growth takes 5–16 MiB more off core, region-cn and the gateway for ~0.2 ms more CPU per order (more full
 * collections); a hard old-space cap costs ~40 % more CPU (a service near its cap collects constantly), 4 MiB
 * semi-spaces ~15 %.
 */
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=8', '--heap-growing-percent=25'] as const;
export const SERVICE_NODE_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '16384' } as const;

/**
 * What a service runs, relative to its workspace: `dist/main.js` and everything it imports, bundled and minified by
 * the last step of its build (scripts/bundle-service.mjs says why).
 */
export const SERVICE_BUNDLE = 'dist/bundle.js';

/**
 * How a service process is started from its workspace folder: tracing is set up by `--import` before the service's
 * modules load (telemetry/register.ts), and its spans carry the service's name.
 */
export const serviceProcess = (service: Pick<HubService, 'name'>) => ({
  args: [...SERVICE_NODE_FLAGS, '--import', '@hub/shared/telemetry/register', SERVICE_BUNDLE],
  env: { ...SERVICE_NODE_ENV, OTEL_SERVICE_NAME: service.name },
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

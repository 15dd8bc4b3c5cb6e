import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverHubServices, discoverWorkspaces, repositoryRoot, seedWaves, SERVICE_NODE_ENV, serviceProcess, startWaves } from './hub-workspaces.js';

let root: string;

function workspace(path: string, manifest: Record<string, unknown>) {
  mkdirSync(join(root, path), { recursive: true });
  writeFileSync(join(root, path, 'package.json'), JSON.stringify({ name: `@t/${path.split('/').pop()}`, ...manifest }));
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hub-workspaces-'));
  writeFileSync(join(root, 'package.json'), JSON.stringify({ workspaces: ['shared', 'subgraphs/*', 'gateway'] }));
  workspace('shared', {});
  workspace('gateway', { hub: { kind: 'gateway' } });
  workspace('subgraphs/region-zz', { hub: { kind: 'region', subgraph: 'region-zz', routingUrl: 'http://127.0.0.1:4010/graphql', seed: 'dist/demo-seed.js' } });
  workspace('subgraphs/core-orders', { hub: { kind: 'core', subgraph: 'core-orders', routingUrl: 'http://127.0.0.1:4001/graphql' } });
  workspace('subgraphs/catalogue', { hub: { subgraph: 'catalogue', routingUrl: 'http://127.0.0.1:4005/graphql' } });
  mkdirSync(join(root, 'subgraphs/notes'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('finds every workspace, new folders included, and skips folders without a package.json', () => {
  expect(discoverWorkspaces(root).map((w) => w.path)).toEqual(['shared', 'subgraphs/catalogue', 'subgraphs/core-orders', 'subgraphs/region-zz', 'gateway']);
});

it('starts core, then domain subgraphs (the default kind), then regions, then the gateway', () => {
  const waves = startWaves(discoverHubServices(root)).map((wave) => wave.map((service) => service.name));
  expect(waves).toEqual([['core-orders'], ['catalogue'], ['region-zz'], ['gateway']]);
});

it("seeds by kind, and a seed that follows a kind right after that kind's seeds", () => {
  workspace('subgraphs/tracking', { hub: { subgraph: 'tracking', routingUrl: 'http://127.0.0.1:4007/graphql', seed: 'seed.js', seedAfter: 'region' } });
  const seeded = discoverHubServices(root).filter((service) => service.seed);
  expect(seedWaves(seeded).map((wave) => wave.map((service) => service.name))).toEqual([['region-zz'], ['tracking']]);
});

it('resolves a seed module inside its workspace', () => {
  const region = discoverHubServices(root).find((service) => service.name === 'region-zz');
  expect(region).toMatchObject({ dir: join(root, 'subgraphs/region-zz'), seed: join(root, 'subgraphs/region-zz/dist/demo-seed.js') });
});

it.each([
  [{ kind: 'edge', subgraph: 'x', routingUrl: 'http://x' }, /hub.kind must be one of/],
  [{ kind: 'region', subgraph: 'region-yy' }, /needs hub.subgraph and hub.routingUrl/],
  [{ subgraph: 'x', routingUrl: 'http://x', seedAfter: 'later' }, /hub.seedAfter must be one of/],
])('refuses a malformed hub field %j', (hub, message) => {
  workspace('subgraphs/broken', { hub });
  expect(() => discoverHubServices(root)).toThrow(message);
});

it("ends every service's own `start` script, and the region template's, with the command the hub starts it with", () => {
  const command = `${Object.entries(SERVICE_NODE_ENV)
    .map(([name, value]) => `${name}=${value} `)
    .join('')}node ${serviceProcess({ name: 'any' }).args.join(' ')}`;
  const dirs = [...discoverHubServices().map((service) => service.dir), join(repositoryRoot, 'scripts/templates/region')];
  for (const dir of dirs) {
    const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { scripts: { start: string } };
    expect({ dir, start: scripts.start.slice(-command.length) }).toEqual({ dir, start: command });
  }
});

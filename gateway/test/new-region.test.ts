import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { composeSupergraph, discoverSubgraphs } from '@hub/shared/federation/composition';
import { freePort } from '@hub/shared/testing/free-port';
import { createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { discoverHubServices, repositoryRoot, SERVICE_BUNDLE } from '@hub/shared/workspace/hub-workspaces';

/**
 * `npm run new-region` end to end, in a temporary copy of the repository so that the suites running beside this
 * one (which discover workspaces) never see the throwaway region: scaffold, lint, build with the package's own build
 * script, start it beside core-orders on real PostgreSQL and NATS, see core's registry accept it and the
 * supergraph compose with it, and let git say that nothing outside its folder changed.
 */
const CODE = 'zz';
const scope = createTestScope('new-region');
const copy = mkdtempSync(join(tmpdir(), 'hub-new-region-'));
const regionDir = join(copy, 'subgraphs', `region-${CODE}`);
const children: ChildProcess[] = [];
const gitIdentity = ['-c', 'user.name=test', '-c', 'user.email=test@localhost', '-c', 'commit.gpgsign=false'];

const toolEnv = () => ({ ...process.env, PATH: `${join(repositoryRoot, 'node_modules/.bin')}:${process.env.PATH}` });
const git = (...args: string[]) => spawnSync('git', [...gitIdentity, ...args], { cwd: copy, env: toolEnv(), encoding: 'utf8' });
/** Runs a command to its end without blocking the event loop, so other processes' output is read meanwhile. */
const run = (file: string, args: string[], cwd = copy) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(file, args, { cwd, env: toolEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
const newRegion = (...args: string[]) => run(process.execPath, ['scripts/new-region.mjs', ...args]);
const changedFiles = () =>
  git('status', '--porcelain', '--untracked-files=all')
    .stdout.split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));

beforeAll(() => {
  // The working tree as it is (committed or not), without what the build or npm made; dependencies are shared.
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: repositoryRoot, encoding: 'utf8' });
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(repositoryRoot, file))) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(join(repositoryRoot, file), join(copy, file));
  }
  symlinkSync(join(repositoryRoot, 'node_modules'), join(copy, 'node_modules'));
  expect(git('init', '-q').status).toBe(0);
  expect(git('add', '-A').status).toBe(0);
  expect(git('commit', '-qm', 'copy').status).toBe(0);
}, 60_000);

afterAll(async () => {
  await Promise.all(children.map(stop));
  await scope.dispose();
  rmSync(copy, { recursive: true, force: true });
});

const REFUSALS: Array<[string, string[], RegExp]> = [
  ['an upper-case code', ['ZZ', 'Zed'], /code "ZZ": 2 or 3 lower-case letters/],
  ['a four-letter code', ['zzzz', 'Zed'], /2 or 3 lower-case letters/],
  ['a digit', ['z1', 'Zed'], /2 or 3 lower-case letters/],
  ['no name', ['zz'], /name: /],
  ['a quote in the name', ['zz', "Zed's"], /name: /],
  ['an unknown time zone', ['zz', 'Zed', '--time-zone', 'Mars/Olympus'], /--time-zone "Mars\/Olympus"/],
  ['an existing region', ['cn', 'China again'], /region "cn" exists already/],
];

it('refuses bad codes, bad names and existing regions, and writes nothing', async () => {
  const results = await Promise.all(REFUSALS.map(([, args]) => newRegion(...args)));
  expect(results.map(({ status, stderr }, index) => ({ refusal: REFUSALS[index]![0], status, stderr }))).toEqual(
    REFUSALS.map(([refusal, , problem]) => ({ refusal, status: 2, stderr: expect.stringMatching(problem) })),
  );
  expect(changedFiles()).toEqual([]);
});

it('scaffolds a region that builds, starts, registers and composes, changing nothing outside its folder', async () => {
  // Core starts while the region is scaffolded and built, as it would already run when a region joins.
  const coreStarted = start(join(repositoryRoot, 'subgraphs/core-orders'));
  coreStarted.catch(() => undefined);
  const scaffolded = await newRegion(CODE, 'Test Region', '--currency', 'EUR', '--time-zone', 'Europe/Paris');
  expect(scaffolded.stderr).toBe('');
  expect(scaffolded.status).toBe(0);
  expect((await newRegion(CODE, 'Twice')).stderr).toMatch(/exists already/);

  const manifest = JSON.parse(readFileSync(join(regionDir, 'package.json'), 'utf8'));
  const [build, lint] = await Promise.all([
    run('sh', ['-c', manifest.scripts.build], regionDir),
    run(join(repositoryRoot, 'node_modules/.bin/eslint'), [`subgraphs/region-${CODE}`]),
  ]);
  expect(build.stdout + build.stderr).toBe('');
  expect(build.status).toBe(0);
  expect(lint.stdout + lint.stderr).toBe('');
  expect(lint.status).toBe(0);

  // Found from its package.json alone, as a region, on a port no other workspace routes to.
  const services = discoverHubServices(copy);
  const region = services.find((service) => service.name === `region-${CODE}`);
  expect(region).toMatchObject({ kind: 'region', subgraph: { name: `region-${CODE}` } });
  const ports = services.flatMap((service) => (service.subgraph ? [new URL(service.subgraph.routingUrl).port] : []));
  expect(new Set(ports).size).toBe(ports.length);
  expect(readFileSync(join(regionDir, 'src/region.ts'), 'utf8')).toContain(`defaultPort: ${new URL(region!.subgraph!.routingUrl).port},`);

  // Prices for it: a region without a catalogue is rightly NOT_READY, and reads UP only until its first heartbeat.
  await publishTestCatalogue(scope.env, [{ region: CODE, currencies: ['EUR'], items: [{ sku: 'ZZ-TEA', unitPrice: 1000 }] }]);
  const regionUrl = await start(region!.dir);
  const coreUrl = await coreStarted;
  const admin = await scope.token({ subject: 'admin', role: 'admin', regions: [] });
  // Registered as soon as it starts; UP from the first heartbeat after it is ready (the one before may say NOT_READY).
  // Ready means its catalogue copy caught up: beside a second copy of the suite (load 12) that took more than 30 s.
  const readRegistry = () => postGraphQL(coreUrl, `{ regions { code name defaultCurrency timeZone subgraph { name health } } }`, {}, admin);
  const isUp = (region: { code: string; subgraph: { health: string } | null }) => region.code === CODE && region.subgraph?.health === 'UP';
  const { data: registry } = await eventually(readRegistry, (read) => Boolean(read.data?.regions?.some(isUp)), { attempts: 900 });
  expect(registry.regions).toContainEqual({
    code: CODE,
    name: 'Test Region',
    defaultCurrency: 'EUR',
    timeZone: 'Europe/Paris',
    subgraph: { name: `region-${CODE}`, health: 'UP' },
  });

  const { data: served } = await postGraphQL(regionUrl, '{ _service { sdl } }', {}, admin);
  // What it serves is what the build printed for the composition step, plus federation's own definitions.
  expect(served._service.sdl).toContain(
    readFileSync(join(regionDir, 'schema.graphql'), 'utf8')
      .split('\n\n')
      .find((part: string) => part.includes('type Order ')),
  );
  const subgraphs = await discoverSubgraphs(copy);
  expect(subgraphs.map((subgraph) => subgraph.name)).toEqual(expect.arrayContaining(['core-orders', 'region-cn', `region-${CODE}`]));
  const supergraph = composeSupergraph(
    subgraphs.map((subgraph) => (subgraph.name === `region-${CODE}` ? { ...subgraph, sdl: served._service.sdl } : subgraph)),
  );
  expect(supergraph).toMatch(
    new RegExp(
      `type Order[^{]*\\{[^}]*\\n\\s*${CODE}: ${CODE[0]!.toUpperCase()}${CODE.slice(1)}OrderDetails @join__field\\(graph: REGION_${CODE.toUpperCase()}\\)`,
    ),
  );
  expect(supergraph).toMatch(new RegExp(`\\b${CODE}Order\\(`));

  expect([...new Set(changedFiles().map((file) => file.split('/').slice(0, 2).join('/')))]).toEqual([`subgraphs/region-${CODE}`]);
  // About 20 s of CPU in all (most of it tsc); the bound is for a machine shared with other builds.
}, 240_000);

/** Starts a service from its bundle on a free port; resolves with its URL once core's registry accepted its schema. */
async function start(dir: string): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVICE_BUNDLE], {
    cwd: dir,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(scope.env).map(([key, value]) => [key, String(value)])),
      PORT: String(port),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.includes('"msg":"schema accepted by the registry"')) resolve();
      if (line.includes('"msg":"schema rejected by the registry')) reject(new Error(`${dir}: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`${dir} exited with ${code}: ${stderr.join('').slice(-2000)}`)));
  });
  return `http://127.0.0.1:${port}`;
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

// The project's single entry point behind `npm start`, `npm test`, `npm run bench` and `npm run token`.
// Plain JavaScript on purpose: it runs before dependencies are installed, on whatever Node the machine has,
// then re-runs itself on the Node 24 that `npm install` puts into node_modules/.bin.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureChromium, ensureDependencies, ensureNats, ensurePostgres, natsServerBinary } from './infra.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const [command = 'start', ...args] = process.argv.slice(2);
const bundledNode = `${root}node_modules/.bin/node`;

const [major, minor] = process.versions.node.split('.').map(Number);
const supportedNode = major > 22 || (major === 22 && minor >= 17);

await ensureDependencies(root);
if (!supportedNode && !process.env.HUB_REEXEC && existsSync(bundledNode)) {
  // Node < 22.17 cannot run MikroORM 7; the npm package `node` ships the supported runtime.
  const result = spawnSync(bundledNode, [fileURLToPath(import.meta.url), command, ...args], { stdio: 'inherit', env: { ...process.env, HUB_REEXEC: '1' } });
  process.exit(result.status ?? 1);
}

const turbo = `${root}node_modules/.bin/turbo`;
const env = {
  ...process.env,
  PATH: `${root}node_modules/.bin:${process.env.PATH}`,
  TURBO_TELEMETRY_DISABLED: '1',
  TURBO_NO_UPDATE_NOTIFIER: '1',
  DO_NOT_TRACK: '1',
};

function run(file, argv, options = {}) {
  const result = spawnSync(file, argv, { stdio: 'inherit', cwd: root, env, ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function prepare() {
  env.DATABASE_URL = await ensurePostgres(root);
  // A NATS_URL given is used as it is (with NATS_USER/NATS_PASSWORD_FILE if it needs them); without one the hub
  // runs its own server with one identity per service, generated from the workspace once it is built.
  const natsGiven = Boolean(process.env.NATS_URL);
  if (natsGiven) env.NATS_URL = await ensureNats(root);
  else natsServerBinary();
  run(turbo, ['run', 'build', '--output-logs=errors-only']);
  // After every build: the subgraphs print their SDL as they build, and turbo cannot order the gateway after
  // workspaces it does not depend on.
  run(turbo, ['run', 'compose', '--output-logs=errors-only']);
  if (!natsGiven) {
    const { ensureHubNats } = await import('./nats-server.mjs');
    Object.assign(env, await ensureHubNats(root));
  }
}

switch (command) {
  case 'start': {
    await prepare();
    const { startHub } = await import('./start-hub.mjs');
    await startHub(root, env);
    break;
  }
  case 'test': {
    // The code lint and format check first (eslint.config.mjs, .prettierrc.json): they need no build; a failure
    // fails the run, after the suites ran.
    const options = { stdio: 'inherit', cwd: root, env };
    const eslint = spawnSync(`${root}node_modules/.bin/eslint`, ['--cache', '--cache-location', 'node_modules/.cache/eslint/', '.'], options);
    const prettier = spawnSync(`${root}node_modules/.bin/prettier`, ['--check', '--log-level', 'warn', '.'], options);
    const lint = { status: eslint.status || prettier.status };
    const chromium = env.CHROMIUM_PATH ?? ensureChromium();
    if (chromium) env.CHROMIUM_PATH = chromium;
    await prepare();
    const { runTests } = await import('./run-tests.mjs');
    const status = await runTests(root, env, turbo, args);
    const { stopStartedHubNats } = await import('./nats-server.mjs');
    await stopStartedHubNats();
    if (lint.status !== 0) console.log('\nThe code lint or format check failed (see above the test output): npm run lint, npm run format');
    process.exit(status || lint.status || 0);
    break;
  }
  case 'bench': {
    await prepare();
    // Throughput is measured without the per-caller rate limits, which would otherwise be what is measured.
    run(bundledNode, ['bench/run.mjs', ...args], { env: { ...env, RATE_LIMIT_ENABLED: env.RATE_LIMIT_ENABLED ?? 'false' } });
    break;
  }
  case 'bench-soak': {
    await prepare();
    run(bundledNode, ['bench/soak.mjs', ...args], { env: { ...env, RATE_LIMIT_ENABLED: env.RATE_LIMIT_ENABLED ?? 'false' } });
    break;
  }
  case 'bench-noisy': {
    await prepare();
    run(bundledNode, ['bench/noisy-neighbour.mjs', ...args]);
    break;
  }
  case 'bench-reads': {
    await prepare();
    run(bundledNode, ['bench/federated-reads.mjs', ...args]);
    break;
  }
  case 'token': {
    run(turbo, ['run', 'build', '--filter=@hub/shared', '--output-logs=errors-only']);
    run(bundledNode, ['scripts/mint-token.mjs', ...args]);
    break;
  }
  default:
    console.error(`unknown command "${command}": use start, test, bench or token`);
    process.exit(2);
}

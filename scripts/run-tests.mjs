// Runs every workspace's jest suite through turbo, carrying on past failures, then prints one closing line
// that counts them all. A workspace whose suite crashed before reporting counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { discoverWorkspaces } from '@hub/shared/workspace/hub-workspaces';

const RESULTS = '.jest-results.json';

export async function runTests(root, env, turbo, args) {
  const workspaces = discoverWorkspaces(root);
  for (const { dir } of workspaces) rmSync(`${dir}/${RESULTS}`, { force: true });
  // --only: the caller built and composed everything first. Letting turbo run the build tasks again here would rebuild
  // a workspace's dist while another workspace's tests start services from it (a service once read half a rebuild:
  // "does not provide an export named").
  const result = spawnSync(turbo, ['run', 'test', '--only', '--continue', '--concurrency=2', '--', '--json', `--outputFile=${RESULTS}`, ...args], {
    stdio: 'inherit',
    cwd: root,
    // Two workspaces at once may each run a whole hub (eight services with pools, the gateway's rate limits) against
    // one PostgreSQL with its default 100 connections: at ten a pool, two hubs at their peak were refused
    // connections ("too many clients already", seen as an internal error in a console test). Four a pool keeps
    // both hubs and the tests' own clients under the limit; callers that set their own size keep it.
    env: { ...env, DATABASE_POOL_MAX: env.DATABASE_POOL_MAX ?? '4' },
  });
  let passed = 0;
  let failed = 0;
  const failing = [];
  const failures = [];
  for (const { path, dir } of workspaces) {
    const file = `${dir}/${RESULTS}`;
    if (!existsSync(file)) {
      failed += 1;
      failing.push(`${path} (no results: its suite did not run to the end)`);
      continue;
    }
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    rmSync(file);
    passed += summary.numPassedTests;
    const workspaceFailed = summary.numFailedTests + summary.numRuntimeErrorTestSuites;
    failed += workspaceFailed;
    if (workspaceFailed > 0) failing.push(`${path} (${workspaceFailed} failed)`);
    failures.push(...failedTests(path, summary));
  }
  // Repeated at the very end, where a CI log that keeps only its tail still shows what failed and why.
  for (const failure of failures) console.log(failure);
  if (failing.length > 0) console.log(`\nFailing workspaces: ${failing.join('; ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return result.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

/** One short paragraph per failed test or crashed suite: where, which test, and the first lines of why. */
function failedTests(path, summary) {
  const brief = (message) =>
    message
      .split('\n')
      .filter((line) => line.trim())
      .slice(0, 6)
      .map((line) => `    ${line.slice(0, 300)}`)
      .join('\n');
  return summary.testResults.flatMap((suite) => {
    const file = `${path}/${suite.name.split(`${path}/`).pop()}`;
    const failed = suite.assertionResults.filter((test) => test.status === 'failed');
    if (failed.length === 0 && suite.status === 'failed') return [`\n✕ ${file} (suite failed to run)\n${brief(suite.message ?? '')}`];
    return failed.map((test) => `\n✕ ${file} › ${test.fullName}\n${brief(test.failureMessages.join('\n'))}`);
  });
}

// Runs every workspace's jest suite through turbo, carrying on past failures, then prints one closing line
// that counts them all. A workspace whose suite crashed before reporting counts as one failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { discoverWorkspaces } from '@hub/shared/workspace/hub-workspaces';

const RESULTS = '.jest-results.json';

export async function runTests(root, env, turbo, args) {
  const workspaces = discoverWorkspaces(root);
  for (const { dir } of workspaces) rmSync(`${dir}/${RESULTS}`, { force: true });
  const result = spawnSync(turbo, ['run', 'test', '--continue', '--concurrency=2', '--', '--json', `--outputFile=${RESULTS}`, ...args], { stdio: 'inherit', cwd: root, env });
  let passed = 0;
  let failed = 0;
  const failing = [];
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
  }
  if (failing.length > 0) console.log(`\nFailing workspaces: ${failing.join('; ')}`);
  console.log(`\n${passed} passed, ${failed} failed`);
  return result.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

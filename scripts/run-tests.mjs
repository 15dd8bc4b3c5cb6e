// Runs every workspace's jest suite through turbo, then prints one closing line that counts them all.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';

const WORKSPACES = ['shared', 'subgraphs/core-orders', 'subgraphs/region-cn', 'subgraphs/region-de', 'subgraphs/region-sea', 'subgraphs/fulfilment', 'subgraphs/tracking', 'gateway'];
const RESULTS = '.jest-results.json';

export async function runTests(root, env, turbo, args) {
  for (const workspace of WORKSPACES) rmSync(`${root}${workspace}/${RESULTS}`, { force: true });
  const result = spawnSync(turbo, ['run', 'test', '--concurrency=2', '--', `--json`, `--outputFile=${RESULTS}`, ...args], { stdio: 'inherit', cwd: root, env });
  let passed = 0;
  let failed = 0;
  for (const workspace of WORKSPACES) {
    const file = `${root}${workspace}/${RESULTS}`;
    if (!existsSync(file)) continue;
    const summary = JSON.parse(readFileSync(file, 'utf8'));
    passed += summary.numPassedTests;
    failed += summary.numFailedTests + summary.numRuntimeErrorTestSuites;
    rmSync(file);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  return result.status === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

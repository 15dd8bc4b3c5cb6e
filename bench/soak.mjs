// `node bench/soak.mjs [--minutes 10] [--connections 16] [--env NAME=VALUE ...] [--idle-seconds 60]`: the placement bench's load (CN
// orders through the gateway, bench/load.mjs) held for `--minutes`, printing each service's resident memory (VmRSS)
// at the end of every minute. Issue 18's bar: every service at most 200 MB and flat (no growth minute over minute once
// warm). `--env` passes settings to every service, to compare e.g. `--env MALLOC_ARENA_MAX=1` against the default (2).
// Not a test: it prints figures from one run, with the load average beside them. `npm run bench:soak -- --minutes 3`
// runs it on the bundled Node with the per-caller rate limits off, as `npm run bench` does. Then the hub idles for
// `--idle-seconds` and the bench prints how often each region's regional_order was scanned meanwhile.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { closedLoop, newAgent } from './load.mjs';
import { BENCH_LINES, seedDemoCatalogue } from './demo-catalogue.mjs';
import { cpuPerOperation, cpuSnapshot, rssOf, serviceProcesses } from './cpu.mjs';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    env: { type: 'string', multiple: true, default: [] },
    'idle-seconds': { type: 'string', default: '60' },
  },
});
const idleSeconds = Number(values['idle-seconds']);
const minutes = Number(values.minutes);
const connections = Number(values.connections);
const extraEnv = Object.fromEntries(values.env.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
if (!Number.isInteger(minutes) || minutes < 1 || !Number.isInteger(connections) || connections < 1 || values.env.some((pair) => !pair.includes('='))) {
  console.error('usage: node bench/soak.mjs [--minutes n] [--connections n] [--env NAME=VALUE ...]');
  process.exit(2);
}
/** Issue 18's 200 MB, in the MiB the kernel's figures are read in (200 × 10⁶ bytes = 190.7 MiB). */
const RSS_BUDGET_MIB = 200e6 / 2 ** 20;
const HUB_SERVICES = Object.fromEntries(discoverHubServices().map((service) => [service.name, service.dir]));
const PLACE = 'mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
  lines: BENCH_LINES,
});
const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/**
 * Each service's live JS heap and external memory (Buffers, ArrayBuffers) in MiB from its `/metrics`
 * (prom-client's default series): RSS well above their sum is native memory (malloc arenas, sockets).
 */
async function heapOf(urls, names) {
  const read = async (name) => {
    try {
      const text = await (await fetch(`${urls[name]}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
      const value = (metric) => Number(new RegExp(`^${metric}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'm').exec(text)?.[1]) / 2 ** 20;
      return `${Math.round(value('nodejs_heap_size_used_bytes'))}/${Math.round(value('nodejs_external_memory_bytes'))}`;
    } catch {
      return '?';
    }
  };
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await read(name)])));
}

console.log(`soak: Node ${process.version}; ${os.availableParallelism()} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB; load average ${load()}`);
console.log(`      ${minutes} min of CN placements through the gateway, ${connections} connections; service env ${JSON.stringify(extraEnv)}\n`);

const scope = createTestScope('bench-soak');
let hub;
let cleaning;
const cleanUp = () => (cleaning ??= Promise.resolve(hub?.close()).finally(() => scope.dispose()));
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
try {
  hub = await startHubProcesses(scope.env, extraEnv);
  const token = await scope.token({ subject: 'bench-customer', role: 'customer', regions: ['cn'] });
  await seedDemoCatalogue(hub, scope.env);
  const processes = serviceProcesses(HUB_SERVICES);
  const names = [...processes.keys()].sort();
  const agent = newAgent(connections);
  const rows = [
    { minute: 0, 'orders/s': '', errors: '', ...Object.fromEntries([...rssOf(processes)].map(([name, mib]) => [name, Math.round(mib)])), load: load() },
  ];
  const peaks = new Map();
  let cpuBefore = cpuSnapshot(processes);
  let placed = 0;
  for (let minute = 1; minute <= minutes; minute += 1) {
    const result = await closedLoop({
      seconds: 60,
      connections,
      agent,
      operation: () => ({
        url: `${hub.gatewayUrl}/graphql`,
        headers: { authorization: `Bearer ${token}` },
        body: { query: PLACE, variables: { input: orderInput() } },
      }),
    });
    placed += result.ok;
    const rss = rssOf(processes);
    for (const [name, mib] of rss) peaks.set(name, Math.max(peaks.get(name) ?? 0, mib));
    const cpuAfter = cpuSnapshot(processes);
    const cpu = cpuPerOperation(cpuBefore, cpuAfter, result.ok);
    cpuBefore = cpuAfter;
    rows.push({
      minute,
      'orders/s': Math.round(result.perSecond),
      errors: result.errors,
      ...Object.fromEntries(names.map((name) => [name, Math.round(rss.get(name) ?? NaN)])),
      load: load(),
      'CPU ms/order': [...cpu.values()].reduce((sum, ms) => sum + ms, 0).toFixed(1),
    });
    const heap = await heapOf(hub.urls, names);
    console.log(
      `minute ${minute}: ${Math.round(result.perSecond)} orders/s; MiB RSS (JS heap used/external) ` +
        `${names.map((name) => `${name} ${Math.round(rss.get(name) ?? NaN)} (${heap[name]})`).join(', ')}; load ${load()}`,
    );
  }
  agent.destroy();
  console.log('\nRSS per service (MiB, VmRSS) at the end of each minute of load:');
  console.table(rows);
  const last = rows.at(-1);
  const half = rows[Math.ceil(rows.length / 2)];
  console.log(`${placed} orders placed. Budget 200 MB (${RSS_BUDGET_MIB.toFixed(1)} MiB) per service:`);
  for (const name of names) {
    const growth = last[name] - half[name];
    console.log(
      `  ${name.padEnd(14)} peak ${Math.round(peaks.get(name))} MiB ${peaks.get(name) <= RSS_BUDGET_MIB ? 'within' : 'OVER'}; ` +
        `second half ${growth >= 0 ? '+' : ''}${growth} MiB (minute ${half.minute} → ${last.minute})`,
    );
  }
  if (idleSeconds > 0) await reportIdleScans(scope.env.DATABASE_URL, idleSeconds);
} finally {
  await cleanUp();
}

/**
 * After the load, the hub idles for `seconds`: how often each region's `regional_order` (now holding the soak's orders)
 * is read by a sequential scan, and how many rows that reads. Issue 18: idle work must not grow with the data.
 */
async function reportIdleScans(databaseUrl, seconds) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const read = async () => {
      await client.query('select pg_stat_clear_snapshot()');
      const { rows } = await client.query(
        `select schemaname, n_live_tup, seq_scan, seq_tup_read, coalesce(idx_scan, 0) as idx_scan from pg_stat_user_tables where relname = 'regional_order' order by schemaname`,
      );
      return new Map(rows.map((row) => [row.schemaname, row]));
    };
    const before = await read();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const after = await read();
    console.log(`\nidle for ${seconds} s after the load (statistics lag up to a second): reads of regional_order per region`);
    console.table(
      [...after].map(([schema, row]) => ({
        schema,
        rows: Number(row.n_live_tup),
        'seq scans/s': ((row.seq_scan - (before.get(schema)?.seq_scan ?? 0)) / seconds).toFixed(2),
        'rows by seq scan/s': Math.round((row.seq_tup_read - (before.get(schema)?.seq_tup_read ?? 0)) / seconds),
        'index scans/s': ((row.idx_scan - (before.get(schema)?.idx_scan ?? 0)) / seconds).toFixed(2),
      })),
    );
  } finally {
    await client.end();
  }
}

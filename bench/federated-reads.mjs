// `node bench/federated-reads.mjs`: the hub's gateway against Hive Gateway with the router runtime (bench/hive-gateway.mjs)
// and against a direct subgraph call, on the same supergraph and subgraphs in the same run. Not a test; it prints
// figures from one run.
//
//   node bench/federated-reads.mjs [--duration 8] [--connections 16] [--hub-warmup 20] [--warmup 2] [--rounds 1] [--orders 100] [--profile dir]
//
// Four cases: a federated read (core-orders, then region-cn's `_entities`) and a core-orders-only read, each with
// distinct requests (every request another order) and with identical ones (every client sends the same query,
// variables and token at once, which a gateway may merge into one subgraph call). Every target of a case runs the
// same closed loop (bench/load.mjs), after `--hub-warmup` seconds of every case through every target in turn: the
// first targets measured on a cold hub ran at 0.6-0.8 × their throughput later in the run, while the subgraphs' code
// was still being optimised, which put whichever came first behind. With `--rounds 2` and more, the targets' order is
// reversed every other round so that drift in the machine's load weighs on both sides. Subgraphs authenticate every
// call, so a read only succeeds if the gateway passed the caller's token on.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { closedLoop, newAgent } from './load.mjs';
import { cpuPerOperation, cpuSnapshot, serviceProcesses } from './cpu.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '16' },
    'hub-warmup': { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '1' },
    orders: { type: 'string', default: '100' },
    // A folder for V8 CPU profiles of both gateways (written when they stop), to see where their time goes.
    profile: { type: 'string' },
  },
});
const [duration, connections, hubWarmup, warmup, rounds, orderCount] = ['duration', 'connections', 'hub-warmup', 'warmup', 'rounds', 'orders'].map((name) =>
  Number(values[name]),
);
if (!(duration > 0) || !(hubWarmup >= 0) || !(warmup >= 0) || ![connections, rounds, orderCount].every((n) => Number.isInteger(n) && n >= 1)) {
  console.error(
    'usage: node bench/federated-reads.mjs [--duration s] [--connections n] [--hub-warmup s] [--warmup s] [--rounds n] [--orders n] [--profile dir]',
  );
  process.exit(2);
}

const SERVICES = ['core-orders', 'region-cn', 'gateway'];
const HUB_SERVICES = Object.fromEntries(discoverHubServices().map((service) => [service.name, service.dir]));
const profiling = values.profile ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${values.profile}` } : {};
const SUPERGRAPH_PATH = fileURLToPath(new URL('../gateway/supergraph.graphql', import.meta.url));

const PLACE = 'mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const FEDERATED =
  'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } cn { customer { name } shippingAddress { city } } } }';
const CORE_ONLY = 'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } } }';
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  lines: [{ sku: 'BENCH-TEA', name: 'Tea', quantity: 2, unitPrice: 1000 }],
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
});

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
console.log(
  `federated reads: Node ${process.version} ${process.platform}/${process.arch}; ${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), load average ${loadAverage()}`,
);
console.log(
  `       ${connections} connections, ${hubWarmup} s warm-up of the hub, then ${duration} s measured + ${warmup} s warm-up per target, ${rounds} round(s)`,
);
console.log('       other work on this machine shares its cores: compare ratios from one run, not figures across runs\n');

const scope = createTestScope('bench-reads');
let hub;
let hive;
try {
  await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'BENCH-TEA', unitPrice: 1000 }] }]);
  // The rate limits would be what is measured; the file supergraph is the one Hive Gateway gets too.
  hub = await startHubProcesses(scope.env, { RATE_LIMIT_ENABLED: 'false', SUPERGRAPH_SOURCE: 'file' }, undefined, {
    only: SERVICES,
    serviceEnv: { gateway: profiling },
  });
  const token = await scope.token({ subject: 'bench-reader', role: 'customer', regions: ['cn'] });
  const headers = { authorization: `Bearer ${token}` };
  const gql = (base, query, variables) => ({ url: `${base}/graphql`, headers, body: { query, variables } });

  process.stdout.write(`placing ${orderCount} orders to read... `);
  const ids = [];
  const seed = await closedLoop({
    seconds: Infinity,
    limit: orderCount,
    connections: 4,
    operation: () => gql(hub.url('region-cn'), PLACE, { input: orderInput() }),
    onData: (data) => ids.push(data.placeCnOrder.id),
  });
  if (ids.length === 0) throw new Error(`no order could be placed: ${[...seed.messages.keys()][0]}`);
  await coreHasRegistered(scope.env.DATABASE_URL);
  console.log(`${ids.length} placed${seed.errors ? `, ${seed.errors} failed` : ''}`);

  hive = await startHiveGateway(hub.urls);
  const processes = serviceProcesses(HUB_SERVICES);
  processes.set('hive', hive.pid);
  const targets = { gateway: hub.gatewayUrl, hive: hive.url, direct: hub.url('core-orders') };

  let cursor = 0;
  const distinct = () => ids[cursor++ % ids.length];
  const same = () => ids[0];
  const cases = [
    { title: 'federated, distinct', query: FEDERATED, id: distinct, targets: ['gateway', 'hive'] },
    { title: 'federated, identical', query: FEDERATED, id: same, targets: ['hive', 'gateway'] },
    { title: 'core only, distinct', query: CORE_ONLY, id: distinct, targets: ['gateway', 'hive', 'direct'] },
    { title: 'core only, identical', query: CORE_ONLY, id: same, targets: ['direct', 'hive', 'gateway'] },
  ];

  if (hubWarmup > 0) {
    const turns = cases.flatMap(({ query, id, targets: order }) => order.map((target) => ({ query, id, target })));
    process.stdout.write(`warming the hub up: ${hubWarmup} s of every case through every target in turn... `);
    let turn = 0;
    const operation = () => {
      const { query, id, target } = turns[turn++ % turns.length];
      return gql(targets[target], query, { id: id() });
    };
    const warm = await closedLoop({ seconds: hubWarmup, connections, operation });
    console.log(`${warm.ok} ok, ${warm.errors} errors`);
  }

  const rows = [];
  for (const { title, query, id, targets: order } of cases) {
    const totals = new Map(order.map((target) => [target, { ok: 0, errors: 0, seconds: 0, p50: [], p99: [], cpu: new Map(), messages: new Map() }]));
    for (let round = 0; round < rounds; round += 1) {
      for (const target of round % 2 === 0 ? order : [...order].reverse()) {
        process.stdout.write(`${title} via ${target}${rounds > 1 ? ` (round ${round + 1})` : ''}: `);
        const operation = () => gql(targets[target], query, { id: id() });
        const agent = newAgent(connections);
        await closedLoop({ seconds: warmup, connections, operation, agent });
        const before = cpuSnapshot(processes);
        const result = await closedLoop({ seconds: duration, connections, operation, agent });
        const after = cpuSnapshot(processes);
        agent.destroy();
        const total = totals.get(target);
        total.ok += result.ok;
        total.errors += result.errors;
        total.seconds += result.elapsedSeconds;
        total.p50.push(result.p50);
        total.p99.push(result.p99);
        for (const [name, ms] of after) total.cpu.set(name, (total.cpu.get(name) ?? 0) + ms - (before.get(name) ?? 0));
        for (const [message, count] of result.messages) total.messages.set(message, (total.messages.get(message) ?? 0) + count);
        console.log(`${result.ok} ok, ${result.errors} errors, load average ${loadAverage()}`);
      }
    }
    for (const [target, total] of totals)
      rows.push({ title, target, ...total, perSecond: total.ok / total.seconds, cpu: cpuPerOperation(new Map(), total.cpu, total.ok) });
  }

  const ms = (value) => (Number.isFinite(value) ? value.toFixed(1) : '-');
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];
  console.log(`\nresults (${connections} connections; latency of successful requests, median over rounds; load average now ${loadAverage()})`);
  printTable(
    ['case', 'via', 'ok/s', 'p50 ms', 'p99 ms', 'ok', 'errors'],
    rows.map((r) => [r.title, r.target, r.perSecond.toFixed(1), ms(median(r.p50)), ms(median(r.p99)), r.ok, r.errors ? `${r.errors} <- ERRORS` : 0]),
  );
  const names = ['gateway', 'hive', 'core-orders', 'region-cn'];
  console.log('\nCPU milliseconds per successful request, by process (/proc/<pid>/stat; a merged subgraph call shows as less subgraph CPU)');
  printTable(
    ['case', 'via', ...names, 'total'],
    rows.map((r) => {
      const each = names.map((name) => r.cpu.get(name) ?? NaN);
      return [r.title, r.target, ...each.map((v) => v.toFixed(2)), each.reduce((sum, v) => sum + v, 0).toFixed(2)];
    }),
  );
  for (const r of rows.filter((row) => row.errors)) {
    console.log(`!! ${r.title} via ${r.target}: ${r.errors} failed; most frequent:`);
    for (const [message, count] of [...r.messages].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`     ${count} × ${message}`);
  }

  console.log("\nratios (throughput; the gateway process's CPU per request against the other gateway's)");
  const row = (title, target) => rows.find((r) => r.title === title && r.target === target);
  for (const { title, targets: order } of cases) {
    const ours = row(title, 'gateway');
    const flag = (other) => (ours.errors || other.errors ? '   (not comparable: errors)' : '');
    const hiveRow = row(title, 'hive');
    console.log(
      `${title}: gateway/hive throughput ${(ours.perSecond / hiveRow.perSecond).toFixed(2)} (aim >= 1.0), gateway CPU per request ${(
        ours.cpu.get('gateway') / hiveRow.cpu.get('hive')
      ).toFixed(2)} × Hive's${flag(hiveRow)}`,
    );
    if (order.includes('direct')) {
      const direct = row(title, 'direct');
      console.log(`${title}: gateway/direct throughput ${(ours.perSecond / direct.perSecond).toFixed(2)} (aim >= 0.8)${flag(direct)}`);
    }
  }
} finally {
  if (hive) await hive.stop();
  await hub?.close();
  await scope.dispose();
}

/** Reads go to core-orders first: wait until core has registered every order region-cn took. */
async function coreHasRegistered(databaseUrl) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await client.query(`select count(*)::int as pending from region_cn.regional_order where registration = 'PENDING'`);
      if (rows[0].pending === 0) return;
      if (Date.now() > deadline) throw new Error(`${rows[0].pending} orders still unregistered in core-orders`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

/** Hive Gateway in a process of its own (its CPU is read apart), on the subgraphs the hub runs. */
async function startHiveGateway(urls) {
  const subgraphUrls = Object.fromEntries(
    Object.entries(urls).map(([name, url]) => [`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`, `${url}/graphql`]),
  );
  const child = spawn(process.execPath, [fileURLToPath(new URL('hive-gateway.mjs', import.meta.url))], {
    env: { ...process.env, ...subgraphUrls, SUPERGRAPH_PATH, PORT: '0', NODE_ENV: 'production', ...profiling },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`Hive Gateway exited with ${code} before it listened`);
  });
  const listening = (async () => {
    for await (const line of createInterface({ input: child.stdout })) {
      const port = /hive gateway listening on (\d+)/.exec(line)?.[1];
      if (port) return `http://127.0.0.1:${port}`;
    }
    throw new Error('Hive Gateway closed its output before it listened');
  })();
  const url = await Promise.race([listening, exited]);
  exited.catch(() => undefined);
  child.stdout.resume();
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null) return;
      const gone = once(child, 'exit');
      child.kill('SIGTERM');
      await gone;
    },
  };
}

function printTable(header, body) {
  const cells = [header, ...body].map((cells) => cells.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
  const line = (cellsOfLine) =>
    cellsOfLine
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log([line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n'));
}

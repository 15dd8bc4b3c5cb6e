// `npm run bench`: throughput and latency of placing and reading orders, through the gateway and straight
// to the owning subgraph(s), from one run on this machine. Not part of the tests; it prints figures.
//
//   node bench/run.mjs [--duration 10] [--connections 16] [--hub-warmup 60] [--warmup 2] [--only place|read] [--rates 100,200,300,400]
//
// The hub first runs every selected scenario in turn for `--hub-warmup` seconds: its CPU per operation falls for a
// minute or more after it starts (V8 optimises the hot paths, the heaps settle), and the figures are of a hub that
// has been running. Each scenario then runs its own short warm-up (not measured), then `--duration` seconds of
// `--connections` closed-loop clients (bench/load.mjs). Reads use ids of orders placed beforehand, so they read real
// orders of the bench's customer. Last, orders are placed through the gateway at each of `--rates` per second for
// `--duration` seconds (an open loop, bench/load.mjs): the latency clients see at a given traffic, where the closed
// loop's latency is that of a saturated hub.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createTestScope } from '@hub/shared/testing/harness';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';

/** Every service of the workspace by name, with its folder: the processes whose CPU and memory are reported. */
const HUB_SERVICES = Object.fromEntries(discoverHubServices().map((service) => [service.name, service.dir]));
import pg from 'pg';
import { closedLoop, newAgent, openLoop } from './load.mjs';
import { BENCH_LINES, seedDemoCatalogue } from './demo-catalogue.mjs';
import { cpuPerOperation, cpuSnapshot, databaseBackends, POSTGRESQL, rssOf, serviceProcesses, withBackendsSummed } from './cpu.mjs';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    'hub-warmup': { type: 'string', default: '60' },
    warmup: { type: 'string', default: '2' },
    // `place` or `read`: only the scenarios whose title starts so (placing alone skips seeding the orders to read).
    only: { type: 'string' },
    // Orders per second offered through the gateway in the open-loop runs; `none` to skip them.
    rates: { type: 'string', default: '100,200,300,400' },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
const hubWarmup = Number(values['hub-warmup']);
const warmup = Number(values.warmup);
const only = values.only;
const rates = values.rates === 'none' ? [] : values.rates.split(',').map(Number);
if (
  !(duration > 0) ||
  !Number.isInteger(connections) ||
  connections < 1 ||
  !(warmup >= 0) ||
  !(hubWarmup >= 0) ||
  ![undefined, 'place', 'read'].includes(only) ||
  !rates.every((rate) => rate > 0)
) {
  console.error(
    'usage: node bench/run.mjs [--duration seconds] [--connections n] [--hub-warmup seconds] [--warmup seconds] [--only place|read] [--rates n,n,…|none]',
  );
  process.exit(2);
}
const SEED_ORDERS = 300;
const IDLE_SECONDS = 5;
// Gently: today core-orders takes a second pool connection per registration (its `nextval` runs outside the
// registration's transaction), so ten or more placements at once can wedge it; the reads need these orders.
const SEED_CONCURRENCY = 4;

const PLACE = 'mutation($input: PlaceCnOrderInput!) { placeCnOrder(input: $input) { id } }';
const READ =
  'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } cn { customer { name } shippingAddress { city } } } }';
// What the gateway sends for READ: core's part, then region-cn's part for the same order.
const READ_CORE = 'query($id: ID!) { order(id: $id) { id number status totals { grandTotal } lines { sku quantity } } }';
const READ_CN = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { cn { customer { name } shippingAddress { city } } } } }';
const orderInput = () => ({
  idempotencyKey: randomUUID(),
  customer: { name: '测试用户', phone: '13800138000' },
  shippingAddress: { recipientName: '测试用户', recipientPhone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', street: '文三路 1 号' },
  lines: BENCH_LINES,
});

const machine = () =>
  `${os.availableParallelism()} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
  `load average ${os
    .loadavg()
    .map((load) => load.toFixed(2))
    .join(' ')}`;
console.log(`bench: Node ${process.version} ${process.platform}/${process.arch}; ${machine()}`);
console.log(`       ${connections} connections, ${hubWarmup} s warm-up of the hub, then ${duration} s measured + ${warmup} s warm-up per scenario`);
console.log('       other work on this machine shares its cores: compare ratios from one run, not figures across runs\n');

const scope = createTestScope('bench');
let hub;
try {
  hub = await startHubProcesses(scope.env);
  const customer = await scope.token({ subject: 'bench-customer', role: 'customer', regions: ['cn'] });
  const headers = { authorization: `Bearer ${customer}` };
  const gql = (base, query, variables) => ({ url: `${base}/graphql`, headers, body: { query, variables } });
  const gateway = hub.gatewayUrl;
  const core = hub.urls['core-orders'];
  const cn = hub.urls['region-cn'];

  // The demo catalogue, imported through the gateway as `npm start` does; region-cn prices from its replica of it.
  process.stdout.write('seeding the demo catalogue... ');
  await seedDemoCatalogue(hub, scope.env);
  console.log('replicated to region-cn');

  // Orders for the read scenarios, placed first and straight to region-cn.
  const orderIds = [];
  process.stdout.write(`placing ${SEED_ORDERS} orders for the read scenarios (${SEED_CONCURRENCY} at a time)... `);
  const seed = await closedLoop({
    seconds: Infinity,
    limit: only === 'place' ? 0 : SEED_ORDERS,
    connections: SEED_CONCURRENCY,
    operation: () => gql(cn, PLACE, { input: orderInput() }),
    onData: (data) => orderIds.push(data.placeCnOrder.id),
  });
  console.log(`${orderIds.length} placed, ${seed.errors} failed${seed.errors ? ` (${[...seed.messages.keys()][0]})` : ''}`);
  const processes = serviceProcesses(HUB_SERVICES);
  const database = new pg.Client({ connectionString: scope.env.DATABASE_URL });
  await database.connect();
  // Core registers a placed order after the region answered; its CPU belongs to the placement, so a placing
  // scenario is measured until region-cn has no registration left pending.
  const registrationsSettled = async () => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const { rows } = await database.query(`select count(*)::int as pending from region_cn.regional_order where registration = 'PENDING'`);
      if (rows[0].pending === 0 || Date.now() > deadline) return rows[0].pending;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await registrationsSettled();
  // The hub's services, and the database's server processes as they are now; `measure` adds those opened meanwhile.
  const watched = async () => new Map([...processes, ...(await databaseBackends(database))]);
  const measure = async (watching, before, operations) =>
    withBackendsSummed(cpuPerOperation(before, cpuSnapshot(new Map([...watching, ...(await watched())])), operations));
  // A scenario's run with the CPU it cost; a placing one until core has registered what it placed.
  const measured = async (title, run) => {
    const scenarioWatched = await watched();
    const cpuBefore = cpuSnapshot(scenarioWatched);
    const measuredFrom = performance.now();
    const result = await run();
    const unsettled = title.startsWith('place') ? await registrationsSettled() : 0;
    result.cpu = await measure(scenarioWatched, cpuBefore, result.ok);
    result.cpuSeconds = (performance.now() - measuredFrom) / 1000;
    if (unsettled) result.note = `${unsettled} registrations still pending`;
    return result;
  };
  let cursor = 0;
  const nextId = () => orderIds[cursor++ % orderIds.length];

  // Reads first, so that gateway and direct reads meet the hub in the same state whatever placing does to it.
  // The direct counterpart of the federated read is the gateway's two fetches, one after the other.
  const scenarios = [
    ['read order via gateway (core + cn)', () => gql(gateway, READ, { id: nextId() })],
    [
      'read direct: core, then region-cn',
      () => {
        const id = nextId();
        return [gql(core, READ_CORE, { id }), gql(cn, READ_CN, { r: [{ __typename: 'Order', id }] })];
      },
    ],
    ['read direct: core-orders only', () => gql(core, READ_CORE, { id: nextId() })],
    ['read direct: region-cn _entities only', () => gql(cn, READ_CN, { r: [{ __typename: 'Order', id: nextId() }] })],
    ['place order via gateway', () => gql(gateway, PLACE, { input: orderInput() })],
    ['place order direct to region-cn', () => gql(cn, PLACE, { input: orderInput() })],
  ];
  const selected = [];
  for (const scenario of scenarios.filter(([title]) => !only || title.startsWith(only))) {
    if (scenario[0].startsWith('read') && orderIds.length === 0) console.log(`${scenario[0]}: skipped, no order could be placed to read`);
    else selected.push(scenario);
  }

  if (hubWarmup > 0) {
    process.stdout.write(`warming the hub up: ${hubWarmup} s of the ${selected.length} scenarios in turn... `);
    let turn = 0;
    const warm = await closedLoop({ seconds: hubWarmup, connections, operation: () => selected[turn++ % selected.length][1]() });
    await registrationsSettled();
    console.log(`${warm.ok} ok, ${warm.errors} errors`);
  }
  // A server run without autovacuum (a CI setting) never analyses or vacuums the tables the bench's database was made
  // with, so its planner works from default estimates no deployment has (they chose full-table plans that autovacuum's
  // statistics would not): the bench does once what autovacuum would have done by now.
  const { rows: autovacuum } = await database.query(`select current_setting('autovacuum') = 'off' as off`);
  if (autovacuum[0].off) {
    process.stdout.write('autovacuum is off on this server: vacuuming and analysing the bench database as it would have... ');
    await database.query('vacuum (analyze)');
    console.log('done');
  }

  // What the hub burns with no request at all (relays' and sweeps' polls, timers): on a loaded machine few
  // operations share it, so it is measured once and shown apart from the per-operation figures.
  process.stdout.write(`idle CPU over ${IDLE_SECONDS} s... `);
  const idleWatched = await watched();
  const idleBefore = cpuSnapshot(idleWatched);
  const idleStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
  const idleRate = await measure(idleWatched, idleBefore, (performance.now() - idleStarted) / 1000);
  console.log('measured');

  const rows = [];
  for (const [title, operation] of selected) {
    const agent = newAgent(connections);
    process.stdout.write(`${title}: warm-up... `);
    const warm = await closedLoop({ seconds: warmup, connections, operation, agent });
    if (title.startsWith('place')) await registrationsSettled();
    process.stdout.write('measuring... ');
    const result = await measured(title, async () => {
      const closed = await closedLoop({ seconds: duration, connections, operation, agent });
      agent.destroy();
      return closed;
    });
    console.log(`${result.ok} ok, ${result.errors} errors${warm.errors ? ` (+${warm.errors} in warm-up)` : ''}`);
    rows.push({ title, result });
  }
  for (const rate of only === 'read' ? [] : rates) {
    const title = `place via gateway, ${rate}/s open loop`;
    process.stdout.write(`${title}: measuring... `);
    const result = await measured(title, () => openLoop({ seconds: duration, rate, operation: () => gql(gateway, PLACE, { input: orderInput() }) }));
    console.log(`${result.ok} ok, ${result.errors} errors`);
    rows.push({ title, result });
  }

  console.log(
    `\nresults (${connections} connections or a fixed rate, ${duration} s each; latency of successful requests only, in the open loop from when each was due; load average now ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')})`,
  );
  const ms = (value) => (Number.isNaN(value) ? '-' : value.toFixed(1));
  printTable(
    ['scenario', 'ok/s', 'p50 ms', 'p99 ms', 'max ms', 'ok', 'non-2xx', 'GraphQL errors', 'timeouts/network', 'note'],
    rows.map(({ title, result: r }) => [
      title,
      r.perSecond.toFixed(1),
      ms(r.p50),
      ms(r.p99),
      ms(r.max),
      r.ok,
      r.non2xx,
      r.graphqlErrors,
      r.failures,
      r.errors ? '<- ERRORS' : (r.note ?? ''),
    ]),
  );
  // `total` is the hub's own services; PostgreSQL's backends for the bench's database stand beside it.
  const services = [...processes.keys()];
  const columns = ['scenario', ...services, 'total', POSTGRESQL];
  console.log(
    `\nCPU milliseconds per successful operation, by service (from /proc/<pid>/stat; placements include core's registration; ${POSTGRESQL}: the database's server processes)`,
  );
  printTable(
    columns,
    rows.map(({ title, result: r }) => {
      const perService = services.map((name) => r.cpu.get(name) ?? NaN);
      return [title, ...perService.map(ms2), ms2(sum(perService)), ms2(r.cpu.get(POSTGRESQL) ?? NaN)];
    }),
  );
  console.log(`\nidle CPU milliseconds per second, by service (no requests, ${IDLE_SECONDS} s before the scenarios)`);
  printTable(
    ['', ...columns.slice(1)],
    [
      [
        'idle',
        ...services.map((name) => ms2(idleRate.get(name) ?? NaN)),
        ms2(sum(services.map((name) => idleRate.get(name) ?? 0))),
        ms2(idleRate.get(POSTGRESQL) ?? NaN),
      ],
    ],
  );
  console.log(`\nCPU milliseconds per successful operation net of the idle rate over the same seconds (the work the operations add)`);
  const net = (r, name) => (r.cpu.get(name) ?? NaN) - ((idleRate.get(name) ?? 0) * r.cpuSeconds) / r.ok;
  printTable(
    columns,
    rows.map(({ title, result: r }) => {
      const perService = services.map((name) => net(r, name));
      return [title, ...perService.map(ms2), ms2(sum(perService)), ms2(net(r, POSTGRESQL))];
    }),
  );
  console.log(`\n${POSTGRESQL} CPU milliseconds per successful operation net of idle, by the service whose connections sent the statements`);
  const databaseColumn = (name) => `${POSTGRESQL}:${name}`;
  printTable(
    ['scenario', ...services, 'unnamed', 'total'],
    rows.map(({ title, result: r }) => {
      const perService = services.map((name) => net(r, databaseColumn(name)) || 0);
      return [title, ...perService.map(ms2), ms2(net(r, POSTGRESQL) - sum(perService)), ms2(net(r, POSTGRESQL))];
    }),
  );
  for (const { title, result } of rows.filter((row) => row.result.errors)) {
    console.log(`!! ${title}: ${result.errors} of ${result.ok + result.errors} operations failed; most frequent:`);
    for (const [message, count] of [...result.messages].sort((a, b) => b[1] - a[1]).slice(0, 3)) console.log(`     ${count} × ${message}`);
  }

  const byTitle = Object.fromEntries(rows.map((row) => [row.title, row.result]));
  const ratio = (label, viaGateway, direct) => {
    const g = byTitle[viaGateway];
    const d = byTitle[direct];
    if (!g || !d) return console.log(`gateway/direct ${label}: n/a (skipped)`);
    const flag = g.errors || d.errors ? '   (not comparable: a scenario had errors)' : '';
    const over = (a, b) => (a > 0 && b > 0 ? (a / b).toFixed(2) : 'n/a');
    console.log(
      `gateway/direct ${label}: throughput ${over(g.perSecond, d.perSecond)}, p50 latency ${over(g.p50, d.p50)}, p99 latency ${over(g.p99, d.p99)}${flag}`,
    );
  };
  console.log();
  ratio('placing', 'place order via gateway', 'place order direct to region-cn');
  ratio('reading', 'read order via gateway (core + cn)', 'read direct: core, then region-cn');

  const placed = rows.filter((row) => row.title.startsWith('place')).reduce((sum, row) => sum + row.result.ok, 0);
  console.log(`\norders placed in measured runs: ${placed}; orders read from: ${orderIds.length}`);
  console.log(`RSS after the run: ${memoryOfServices()}, bench ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
  await database.end();
} finally {
  await hub?.close();
  await scope.dispose();
}

function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}

function ms2(value) {
  return Number.isNaN(value) ? '-' : value.toFixed(2);
}

function printTable(header, body) {
  const cells = [header, ...body].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const line = (row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(
    [
      line(cells[0]),
      widths
        .map((w) => '-'.repeat(w))
        .join('  ')
        .trimEnd(),
      ...cells.slice(1).map(line),
    ].join('\n'),
  );
}

/** VmRSS of the hub's processes, by name. */
function memoryOfServices() {
  const rss = [...rssOf(serviceProcesses(HUB_SERVICES))].map(([name, mib]) => `${name} ${mib.toFixed(0)} MiB`);
  return rss.length ? rss.join(', ') : 'services not found (no /proc here?)';
}

// Re-allocation when a warehouse fails: N orders with open shipments at one node; an operator marks the node
// down through GraphQL (the production path: the mutation starts the job, the service's own outbox relay
// publishes), and the clock runs from the mutation until every affected order is re-planned (or backordered),
// every customer notice is acked by JetStream, and (a further figure) core has recorded every re-allocation note
// on its timeline. Prints the times, the share re-allocated vs backordered, CPU ms per order for fulfilment, core,
// PostgreSQL (both services' backends) and NATS, and the load average. The bench listens on the notice subject like
// a partner would, so it adds no polling to the notice figures.
// The issue's target: 10,000 orders re-allocated and their notices published in < 3 s on this machine (the seed's
// figure: 30 s).
//
//   node bench/reallocation.mjs [--orders 300,10000] [--chunk 1000] [--solver true|false] [--core true|false] [--core-commands true|false]
//                               [--profile DIR] [--sql]
// core-orders runs as its own process (as in production), with the bench's orders registered in its tables, so the
// notes are really applied. --core false leaves core away: the command relay finds no responder and backs off.
// --core-commands false stops the relay for the measured window, leaving only the notes' queuing.
// --profile writes a CPU profile of the bench process (fulfilment runs in it) for the measured window only;
// --sql prints each statement shape's count and summed client-side time during that window.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startHubProcesses } from '@hub/shared/testing/hub-processes';
import { createTestScope, postGraphQL } from '@hub/shared/testing/harness';
import { discoverHubServices } from '@hub/shared/workspace/hub-workspaces';
import { serviceProcesses } from './cpu.mjs';
import { createFulfilmentApp } from '@hub/fulfilment/app';
import { readFulfilmentEnv } from '@hub/fulfilment/env';
import { loadOrdersToAllocate, SYSTEM_ACTOR } from '@hub/fulfilment/allocation/allocation.service';
import { query } from '@hub/fulfilment/persistence/sql';
import { lane, seedNetwork } from '@hub/fulfilment/seed/network';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '300,10000' },
    chunk: { type: 'string', default: '' },
    solver: { type: 'string', default: 'true' },
    'core-commands': { type: 'string', default: 'true' },
    core: { type: 'string', default: 'true' },
    profile: { type: 'string' },
    sql: { type: 'boolean', default: false },
  },
});
const SIZES = values.orders.split(',').map(Number);
const SKUS = 200;
const SHANGHAI = { lat: 31.23, lon: 121.47 };
const TICKS_PER_SECOND = 100;
const CORE_DIR = discoverHubServices().find((service) => service.name === 'core-orders').dir;
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

console.log(
  `reallocation bench: Node ${process.version}; ${os.availableParallelism()} cores, load average ${load()}; solver ${values.solver}; core ${values.core === 'false' ? 'away' : 'running'}; core command relay ${values['core-commands']}`,
);

/** User + system CPU ms of a process, from its own counters; 0 when it is gone. */
function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** This worktree's own NATS server (scripts/nats-server.mjs), when the bench runs against it. */
function natsServerPid() {
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('nats-server') && cmdline.includes(`${process.cwd()}/.hub/nats/`)) return Number(pid);
    } catch {
      /* gone */
    }
  }
  return null;
}

/** Statement shapes seen by the pg driver while `tracing.on`: count and summed ms from send to result. */
const tracing = { on: false, statements: new Map() };
if (values.sql) {
  const { Client } = createRequire(import.meta.resolve('@hub/fulfilment/app'))('pg');
  const original = Client.prototype.query;
  Client.prototype.query = function (config, ...rest) {
    const result = original.call(this, config, ...rest);
    if (!tracing.on || !result || typeof result.then !== 'function') return result;
    const text = (typeof config === 'string' ? config : config.text)
      .replace(/\s+/g, ' ')
      .replace(/'[^']*'/g, '?')
      .replace(/\b\d+\b/g, 'N')
      .trim()
      .slice(0, 120);
    const started = performance.now();
    return result.then((value) => {
      const entry = tracing.statements.get(text) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - started;
      tracing.statements.set(text, entry);
      return value;
    });
  };
}

async function run(orderCount) {
  const scope = createTestScope('bench_realloc');
  const env = Object.fromEntries(Object.entries(scope.env).map(([k, v]) => [k, String(v)]));
  const withCore = values.core !== 'false';
  // Core first: it creates its tables, which the bench fills with the same orders fulfilment holds.
  const hub = withCore ? await startHubProcesses(scope.env, {}, undefined, { only: ['core-orders'] }) : null;
  const app = await createFulfilmentApp(
    readFulfilmentEnv({
      ...process.env,
      ...env,
      PORT: '0',
      SOLVER_ENABLED: values.solver,
      ...(values.chunk ? { REALLOCATION_CHUNK: values.chunk } : {}),
      LOG_LEVEL: 'silent',
    }),
  );
  try {
    const skus = Array.from({ length: SKUS }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
    const node = (id, kind, lat, lon, perSku) => ({
      node: {
        id,
        name: id,
        kind,
        region: 'cn',
        zone: 'cn-east',
        lat,
        lon,
        dailyCapacity: 1_000_000,
        cutoffMinutes: [600, 1080],
        lanes: [lane('YTO', 'STANDARD'), lane('SF', 'EXPRESS')],
      },
      perSku,
    });
    // Stock scales with the orders so the share backordered stays comparable between sizes.
    const per = (units) => Math.max(1, Math.round((units * orderCount) / 10_000));
    const network = [
      node('cn-sha-dc', 'CENTRAL', 31.23, 121.47, per(150)),
      node('cn-hgh-fw', 'FORWARD', 30.27, 120.15, per(40)),
      node('cn-nkg-dc', 'CENTRAL', 32.06, 118.8, per(40)),
      node('cn-suz-st', 'STORE', 31.3, 120.6, per(10)),
      node('cn-bj-dc', 'CENTRAL', 39.9, 116.4, per(20)),
    ];
    await seedNetwork(app.orm.em.fork(), {
      zones: [{ code: 'cn-east', region: 'cn', name: 'East China', ...SHANGHAI, isDefault: true }],
      nodes: network.map((n) => n.node),
      skus: skus.map((sku) => ({ sku, name: sku, unitWeightGrams: 300 + (Number(sku.slice(4)) % 7) * 200 })),
      stock: network.flatMap((n) => skus.map((sku) => ({ sku, nodeId: n.node.id, onHand: n.perSku }))),
    });
    // Orders placed over the last hours, one or two lines each, allocated normally (to the Shanghai DC, the closest).
    const orders = Array.from({ length: orderCount }, (_, i) => ({
      order_id: randomUUID(),
      number: `B-${i}`,
      placed_at: new Date(Date.now() - (orderCount - i) * 1000).toISOString(),
    }));
    const lines = orders.flatMap((o, i) =>
      (i % 3 === 0 ? [1, 2] : [1]).map((lineNo) => ({
        order_id: o.order_id,
        line_no: lineNo,
        sku: skus[(i * 7 + lineNo * 13) % SKUS],
        quantity: 1 + ((i + lineNo) % 2),
        unit_weight_grams: 500,
      })),
    );
    await query(
      app.orm.em.fork(),
      `insert into fulfilment_order (order_id, number, region, channel, customer_ref, service_level, zone, lat, lon, placed_at, state, core_status, core_version)
      select order_id, number, 'cn', 'WEB', 'bench', 'STANDARD', 'cn-east', ?, ?, placed_at, 'BACKORDERED', 'CREATED', 1 from jsonb_to_recordset(?::jsonb) as r(order_id uuid, number text, placed_at timestamptz)`,
      [SHANGHAI.lat, SHANGHAI.lon, JSON.stringify(orders)],
    );
    await query(
      app.orm.em.fork(),
      `insert into fulfilment_order_line (order_id, line_no, sku, quantity, unit_weight_grams, backordered)
      select order_id, line_no, sku, quantity, unit_weight_grams, quantity from jsonb_to_recordset(?::jsonb) as r(order_id uuid, line_no int, sku text, quantity int, unit_weight_grams int)`,
      [JSON.stringify(lines)],
    );
    if (withCore) {
      // The orders as core knows them (registered by region-cn earlier): a note is for an order core has.
      await query(
        app.orm.em.fork(),
        `insert into core_orders."order" (id, number, region, channel, currency, customer_ref, status, items_total, tax_total, shipping_total,
           discount_total, grand_total, idempotency_key, request_hash, placed_at, updated_at, version)
         select order_id, number, 'cn', 'WEB', 'CNY', 'bench', 'PAID', 1000, 0, 0, 0, 1000, 'cn:' || order_id, 'bench', placed_at, placed_at, 1
           from jsonb_to_recordset(?::jsonb) as r(order_id uuid, number text, placed_at timestamptz)`,
        [JSON.stringify(orders)],
      );
    }
    for (let i = 0; i < orders.length; i += 2_000) {
      await app.orm.em.fork().transactional(async (em) => {
        const batch = await loadOrdersToAllocate(
          em,
          orders.slice(i, i + 2_000).map((o) => o.order_id),
          'BACKORDERED',
        );
        await app.allocation.allocate(em, batch, SYSTEM_ACTOR, new Date());
      });
    }
    while ((await app.relay.drain()) > 0);
    const [{ atNode }] = await query(
      app.orm.em.fork(),
      `select count(distinct order_id)::int as "atNode" from shipment where node_id = 'cn-sha-dc' and state = 'ALLOCATED'`,
    );
    const database = new URL(scope.env.DATABASE_URL).pathname.slice(1);
    const backends = async () =>
      (await query(app.orm.em.fork(), `select pid from pg_stat_activity where datname = ?`, [database])).map((row) => Number(row.pid));
    const token = await scope.token({ subject: 'bench-operator', role: 'operator', regions: ['cn'] });
    const nats = natsServerPid();
    // Customer notices as a partner hears them: a subscriber on the subject in its own process, counting them as they
    // arrive (no polling); it reports the wall-clock time the last one arrived.
    const listener = spawn(process.execPath, [new URL('./notice-listener.mjs', import.meta.url).pathname, app.subjects.customerNotice('cn'), String(atNode)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const listenerExited = new Promise((resolve) => listener.once('exit', resolve));
    listener.stdin.end(JSON.stringify(scope.env));
    const said = createInterface({ input: listener.stdout })[Symbol.asyncIterator]();
    if ((await said.next()).value !== 'ready') throw new Error('the notice listener did not start');
    const heard = said.next().then(({ value }) => String(value).split(' ').slice(1).map(Number));

    if (values['core-commands'] === 'false') await app.commands.stop();
    const profiler = values.profile ? new Session() : null;
    if (profiler) {
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
    }
    tracing.on = true;
    const loadBefore = load();
    const coreProcess = withCore ? serviceProcesses({ 'core-orders': CORE_DIR }).get('core-orders') : undefined;
    const snapshot = async () => ({
      fulfilment: process.cpuUsage(),
      core: coreProcess ? cpuMs(coreProcess) : 0,
      pg: new Map((await backends()).map((pid) => [pid, cpuMs(pid)])),
      nats: nats ? cpuMs(nats) : NaN,
    });
    const before = await snapshot();
    const startedAt = Date.now();
    const down = await postGraphQL(
      app.url,
      `mutation($input: NodeStatusChangeInput!) { nodeStatusChange(input: $input) { reallocationJob { id affected } userErrors { code } } }`,
      { input: { nodeId: 'cn-sha-dc', status: 'DOWN', reason: 'power failure (bench)' } },
      token,
    );
    const jobId = down.data.nodeStatusChange.reallocationJob.id;
    const [heardAt, listenerUsed] = await heard;
    const elapsed = heardAt - startedAt;
    // Heard on the subject means published; JetStream's ack is what marks the outbox row: the last mark is the time.
    const ackedNotices = async () =>
      (
        await query(
          app.orm.em.fork(),
          `select count(*)::int as n, max(published_at) as last from outbox_event where message_id like ? and published_at is not null`,
          [`fulfilment.customer-notice:%:${jobId}`],
        )
      )[0];
    let acked = await ackedNotices();
    for (let tries = 0; acked.n < atNode && tries < 100; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      acked = await ackedNotices();
    }
    const atNotices = await snapshot();
    // Core's notes: recorded when its timeline has the step (request id = the note's command id), checked every 100 ms.
    const coreNotes = async () =>
      (
        await query(app.orm.em.fork(), `select count(*)::int as n, max(at) as last from core_orders.order_status_change where request_id like ?`, [
          `fulfilment:%:reallocated:${jobId}`,
        ])
      )[0];
    let noted = withCore && values['core-commands'] !== 'false' ? await coreNotes() : null;
    for (let waited = 0; noted && noted.n < atNode && waited < 240_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      noted = await coreNotes();
    }
    const atNotes = noted ? await snapshot() : null;
    // How often the relay asked core per note: more than once means a timeout or core away, answered from core's record the next time.
    const attempts = await query(
      app.orm.em.fork(),
      `select attempts, state, count(*)::int as n from fulfilment.core_command where local_ref = ? group by 1, 2 order by 1, 2`,
      [jobId],
    );
    tracing.on = false;
    if (profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(`${values.profile}/reallocation-${orderCount}.cpuprofile`, JSON.stringify(profile));
      profiler.disconnect();
    }
    await listenerExited;
    const [job] = await query(app.orm.em.fork(), `select * from reallocation_job where id = ?`, [jobId]);
    const replanned = new Date(job.finished_at).getTime() - startedAt;
    const perOrder = (ms) => (Number.isNaN(ms) ? "n/a (not this worktree's server)" : (ms / job.processed).toFixed(3));
    /** CPU ms each process used between two snapshots. */
    const used = (from, to) => {
      const fulfilment = (to.fulfilment.user + to.fulfilment.system - from.fulfilment.user - from.fulfilment.system) / 1000;
      const pg = [...to.pg].reduce((sum, [pid, ms]) => sum + ms - (from.pg.get(pid) ?? 0), 0);
      return { fulfilment, core: to.core - from.core, pg, nats: to.nats - from.nats };
    };
    const cpuLine = (label, from, to) => {
      const ms = used(from, to);
      return `  CPU ms per order ${label}: fulfilment ${perOrder(ms.fulfilment)}, core ${withCore ? perOrder(ms.core) : 'not running'}, PostgreSQL ${perOrder(ms.pg)}, NATS ${perOrder(ms.nats)}`;
    };
    console.log(
      `\n${orderCount} orders (${lines.length} lines); ${atNode} with open shipments at cn-sha-dc; load average before ${loadBefore}, after ${load()}`,
    );
    console.log(`  node marked down → all ${job.processed} orders re-planned: ${replanned.toFixed(0)} ms`);
    console.log(
      `  → all ${atNode} customer notices heard by a subscriber: ${elapsed.toFixed(0)} ms; acked by JetStream (${acked.n}): ${acked.last ? new Date(acked.last).getTime() - startedAt : 'n/a'} ms`,
    );
    if (noted)
      console.log(`  → core has recorded ${noted.n} of ${atNode} notes on its timeline: ${noted.last ? new Date(noted.last).getTime() - startedAt : 'n/a'} ms`);
    console.log(
      `  fully re-allocated: ${job.reallocated} (${((100 * job.reallocated) / job.processed).toFixed(1)} %), backordered: ${job.backordered} (${((100 * job.backordered) / job.processed).toFixed(1)} %)`,
    );
    // Until the notices are acked, core is already taking notes: its share of that window is printed too.
    console.log(cpuLine('until the notices are acked', before, atNotices) + `; the partner's listener ${perOrder(listenerUsed)}`);
    if (atNotes) console.log(cpuLine("until core's notes are recorded", before, atNotes));
    console.log(`  notes by attempts: ${attempts.map((row) => `${row.n} ${row.state} after ${row.attempts}`).join(', ')}`);
    if (values.sql) {
      const rows = [...tracing.statements].sort((a, b) => b[1].ms - a[1].ms);
      console.log(`  statements: ${rows.reduce((sum, [, entry]) => sum + entry.count, 0)} (${rows.length} shapes)`);
      for (const [text, entry] of rows) console.log(`    ${String(entry.count).padStart(6)} × ${entry.ms.toFixed(0).padStart(6)} ms  ${text}`);
      tracing.statements.clear();
    }
  } finally {
    await app.close();
    await hub?.close();
    await scope.dispose();
  }
}

for (const size of SIZES) await run(size);

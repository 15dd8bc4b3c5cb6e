// Carrier-event ingest and journey queries of the tracking service, on this machine, in one run:
//   node bench/tracking-ingest.mjs [--events 1000000] [--rows 3000000] [--fill-shipments 2000000] [--shipments 100000]
//     [--batch 10000] [--workers 4] [--sweep-batch 500]
// Prints (1) the raw COPY rate into the day-partitioned event table, with CPU per 1,000 rows, (2) the full ingest
// path (validation, batch plan, key claim in one unnest insert, COPY of the claimed events into the partitions, shipment fold,
// milestone and notice queues) from `--workers` concurrent batches in events/s and CPU ms per 1,000 events, and
// (3) journey and search latency (p50/p99) once the table holds `--rows` events, filled set-based (generate_series)
// over ~30 daily partitions and `--fill-shipments` parcels, with table and index sizes, and (4) one bounded pass of the
// delay and dwell sweeps with a fifth of the shipments due (time, and the plan's index). CPU is this process's
// and the PostgreSQL backends' (from /proc), with the share of the shipment updates that were HOT; `--statements` adds
// PostgreSQL CPU per statement of the ingest path.
// It builds its own database and drops it afterwards.
import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statfsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { baseEnvSchema } from '@hub/shared/env';
import { openDatabase } from '@hub/shared/persistence/orm';
import { trackingSubjectsFor } from '@hub/shared/notices/tracking-subjects';
import { trackingEntities, TRACKING_SCHEMA } from '../subgraphs/tracking/dist/persistence/entities.js';
import { trackingMigrations } from '../subgraphs/tracking/dist/persistence/migrations/index.js';
import { PartitionMaintenance } from '../subgraphs/tracking/dist/persistence/partitions.js';
import { EventIngestService } from '../subgraphs/tracking/dist/events/event-ingest.service.js';
import { JourneyQuery } from '../subgraphs/tracking/dist/journey/journey-query.js';
import { sweepDelays } from '../subgraphs/tracking/dist/sweeps/delay-sweep.js';
import { sweepDwell } from '../subgraphs/tracking/dist/sweeps/dwell-sweep.js';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    rows: { type: 'string', default: '3000000' },
    shipments: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '10000' },
    workers: { type: 'string', default: '4' },
    'sweep-batch': { type: 'string', default: '500' },
    'fill-shipments': { type: 'string', default: '2000000' },
    statements: { type: 'boolean', default: false },
  },
});
const [EVENTS, ROWS, SHIPMENTS, BATCH, WORKERS, SWEEP_BATCH, FILL_SHIPMENTS] = [
  'events',
  'rows',
  'shipments',
  'batch',
  'workers',
  'sweep-batch',
  'fill-shipments',
].map((key) => Number(values[key]));
const DAY = 86_400_000;
const now = new Date();
const f = (x) => x.toFixed(x < 10 ? 2 : 0);
// The fill stops before the disk holding PostgreSQL's data gets short for everyone else on the machine.
const assertDiskRoom = async () => {
  const { bavail, bsize } = statfsSync('/work');
  if (bavail * bsize < 30 * 1024 ** 3) throw new Error(`under 30 GB free on /work: fill aborted`);
};

// --statements: PostgreSQL CPU per kind of statement on the ingest path, from each backend's scheduler clock
// (/proc/<pid>/schedstat, ns): a connection runs one statement at a time, so the change is that statement's.
const statementCpu = new Map();
const onCpu = (pid) => {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
};
if (values.statements) {
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (config, ...rest) {
    const text = typeof config === 'string' ? config : (config?.text ?? (typeof config?.submit === 'function' ? 'COPY (stream)' : '?'));
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const pid = this.processID;
    const before = onCpu(pid);
    const done = () => {
      const entry = statementCpu.get(key) ?? { n: 0, ns: 0 };
      entry.n += 1;
      entry.ns += onCpu(pid) - before;
      statementCpu.set(key, entry);
    };
    const callback = typeof rest.at(-1) === 'function' ? rest.pop() : undefined;
    if (callback) return query.call(this, config, ...rest, (error, result) => (done(), callback(error, result)));
    const result = query.call(this, config, ...rest);
    if (typeof result?.then === 'function') return result.finally(done);
    result?.once?.('finish', done);
    return result;
  };
}

const base = baseEnvSchema.parse(process.env);
const url = new URL(base.DATABASE_URL);
url.pathname = `/hub_bench_tracking_${randomBytes(3).toString('hex')}`;
const orm = await openDatabase({ clientUrl: url.toString(), schema: TRACKING_SCHEMA, entities: trackingEntities, migrations: trackingMigrations });
const pool = new pg.Pool({ connectionString: url.toString(), max: WORKERS + 2 });
const partitions = new PartitionMaintenance(pool, 30);
// CPU seconds of this database's PostgreSQL backends so far (utime + stime from /proc, clock ticks of 10 ms).
const backendCpu = async () => {
  const { rows } = await pool.query(`select pid from pg_stat_activity where datname = current_database()`);
  const ticks = new Map();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // a backend that just ended
    }
  }
  return ticks;
};
const backendCpuMs = (before, after) => [...after].reduce((sum, [pid, t]) => sum + (t - (before.get(pid) ?? 0)) * 10, 0);
await partitions.ensureFor(Array.from({ length: 10 }, (_, i) => new Date(now.getTime() - i * DAY)));
await partitions.run(now);

try {
  console.log(`tracking ingest bench: ${SHIPMENTS} shipments, ${WORKERS} workers, batches of ${BATCH}`);
  await pool.query(
    `insert into tracking.tracked_order (order_id, region, customer_ref, status, status_version, status_at, placed_at)
    select md5(i::text)::uuid, 'cn', 'bench-customer-' || (i % 5000), 'PACKED', 4, now(), now() from generate_series(1, $1) i`,
    [SHIPMENTS],
  );
  await pool.query(
    `insert into tracking.shipment (id, order_id, carrier_id, tracking_number, route)
    select md5('s' || i)::uuid, md5(i::text)::uuid, 'bench', 'TN' || i, '["WH","SORT","HUB","STATION"]' from generate_series(1, $1) i`,
    [SHIPMENTS],
  );
  const { rows: shipmentIds } = await pool.query(`select id from tracking.shipment order by tracking_number`);

  // (1) Raw COPY into the partitioned table itself: the ceiling the ingest path is measured against.
  const rawRows = Math.min(EVENTS, 500_000);
  const copyChunk = (offset, count, prefix) => {
    const lines = [];
    for (let i = offset; i < offset + count; i += 1) {
      const occurred = new Date(now.getTime() - (i % ((7 * DAY) / 1000)) * 1000).toISOString();
      lines.push(
        `bench\t${occurred}\t${prefix}${i}\t${shipmentIds[i % shipmentIds.length].id}\tARRIVED_AT_NODE\t${now.toISOString()}\tNODE-${i % 500}\tHUB\t30.1\t120.2\tc-${i % 900}`,
      );
    }
    return `${lines.join('\n')}\n`;
  };
  const copyRows = async (count, prefix) => {
    const per = Math.ceil(count / WORKERS);
    const started = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, w) => {
        const client = await pool.connect();
        try {
          for (let offset = w * per; offset < Math.min(count, (w + 1) * per); offset += 50_000) {
            const body = copyChunk(offset, Math.min(50_000, Math.min(count, (w + 1) * per) - offset), prefix);
            await pipeline(
              Readable.from([Buffer.from(body)]),
              client.query(
                copyStreams.from(
                  `copy tracking.tracking_event (carrier_id, occurred_at, event_id, shipment_id, kind, recorded_at, node_id, node_type, latitude, longitude, actor_id) from stdin`,
                ),
              ),
            );
          }
        } finally {
          client.release();
        }
      }),
    );
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  await Promise.all(Array.from({ length: WORKERS + 2 }, () => pool.connect())).then((clients) => clients.forEach((client) => client.release()));
  const rawPgBefore = await backendCpu();
  const rawCpuBefore = process.cpuUsage();
  const rawSeconds = await copyRows(rawRows, 'raw-');
  const rawRate = rawRows / rawSeconds;
  const rawCpu = process.cpuUsage(rawCpuBefore);
  const rawPgMs = backendCpuMs(rawPgBefore, await backendCpu());
  const rawLoad = loadavg();

  // (2) The ingest path, as the HTTP endpoint and the NATS consumer call it.
  const ingest = new EventIngestService({
    pool,
    orm,
    partitions,
    subjects: trackingSubjectsFor('bench'),
    clockSkewMs: 300_000,
    retentionMs: 30 * DAY,
    onCommitted: () => undefined,
  });
  const kinds = ['ARRIVED_AT_NODE', 'DEPARTED_NODE', 'ARRIVED_AT_NODE', 'DEPARTED_NODE', 'FIRST_SCAN'];
  const batchOf = (worker, n) =>
    Array.from({ length: BATCH }, (_, i) => {
      const k = n * BATCH + i;
      const shipment = worker * Math.floor(SHIPMENTS / WORKERS) + (k % Math.floor(SHIPMENTS / WORKERS)) + 1;
      return {
        eventId: `ev-${worker}-${k}`,
        trackingNumber: `TN${shipment}`,
        kind: kinds[k % kinds.length],
        occurredAt: new Date(now.getTime() - DAY + k * 7).toISOString(),
        nodeId: `NODE-${k % 500}`,
        nodeType: 'HUB',
        latitude: 30.1,
        longitude: 120.2,
        actorId: `c-${k % 900}`,
      };
    });
  const batches = Math.ceil(EVENTS / BATCH / WORKERS);
  // The carriers' payloads exist before the clock starts: making them is the bench's work, not the ingest's.
  const prepared = Array.from({ length: WORKERS }, (_, worker) => Array.from({ length: batches }, (_, n) => batchOf(worker, n)));
  // Open every pooled connection now, so the backends' CPU is counted from the start.
  await Promise.all(Array.from({ length: WORKERS + 2 }, () => pool.connect())).then((clients) => clients.forEach((client) => client.release()));
  statementCpu.clear();
  const pgBefore = await backendCpu();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let stored = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; n < batches; n += 1) {
        const result = await ingest.ingest('bench', prepared[worker][n], now);
        stored += result.stored;
        if (result.rejected.length + result.parked + result.duplicates > 0)
          throw new Error(`bench batch not stored whole: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 3) })}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpuMs = backendCpuMs(pgBefore, await backendCpu());
  const statementReport = [...statementCpu]
    .sort((a, b) => b[1].ns - a[1].ns)
    .slice(0, 14)
    .map(([key, { n, ns }]) => `  ${f(ns / 1e6 / (stored / 1000)).padStart(6)} ms/1,000 events  ${String(n).padStart(6)}×  ${key}`)
    .join('\n');
  statementCpu.clear();
  const rate = stored / seconds;
  const retried = await ingest.ingest('bench', batchOf(0, 0), now);
  // The same event ids again, each a day earlier (another partition): the key table must still refuse them.
  const moved = batchOf(0, 0).map((event) => ({ ...event, occurredAt: new Date(Date.parse(event.occurredAt) - DAY).toISOString() }));
  const retimed = await ingest.ingest('bench', moved, now);
  const {
    rows: [{ n: copiesOfOne }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event where carrier_id = 'bench' and event_id = $1`, [moved[0].eventId]);

  // (3) Fill to ROWS events, set-based in PostgreSQL: FILL_SHIPMENTS parcels, each with its journey of
  // ROWS / FILL_SHIPMENTS steps three hours apart, starts spread over the retention window (about 30 daily partitions).
  const ingestLoad = loadavg();
  const {
    rows: [{ n: present }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event`);
  const toFill = Math.max(0, ROWS - present);
  // Rounded up: every parcel index stays below FILL_SHIPMENTS, so no journey starts past the retention window (or in the future).
  const perShipment = Math.max(1, Math.ceil(toFill / FILL_SHIPMENTS));
  const fillStarted = process.hrtime.bigint();
  if (toFill > 0) {
    await partitions.ensureFor(Array.from({ length: 31 }, (_, i) => new Date(now.getTime() - i * DAY)));
    await pool.query(
      `insert into tracking.shipment (id, order_id, carrier_id, tracking_number, route)
      select md5('f' || s)::uuid, md5('fo' || s)::uuid, 'bench', 'FN' || s, '["WH","SORT","HUB","STATION"]' from generate_series(0, $1 - 1) s`,
      [FILL_SHIPMENTS],
    );
    const chunk = 2_500_000;
    const chunks = Array.from({ length: Math.ceil(toFill / chunk) }, (_, n) => [n * chunk, Math.min(toFill, (n + 1) * chunk)]);
    const fillOne = async ([from, to]) => {
      await assertDiskRoom();
      await pool.query(
        `insert into tracking.tracking_event (carrier_id, occurred_at, event_id, shipment_id, kind, recorded_at, node_id, node_type, latitude, longitude, actor_id)
        select 'bench', $2::timestamptz - interval '29 days 12 hours' + (s::float8 / $3) * interval '26 days' + k * interval '3 hours' + (s % 60) * interval '1 minute',
               'f-' || i, md5('f' || s)::uuid,
               case when k = 0 then 'LABEL_CREATED' when k = 1 then 'PICKED' when k = 2 then 'PACKED' when k = 3 then 'OUTBOUND' when k = 4 then 'FIRST_SCAN'
                    when k = $4 - 1 then 'SIGNED' when k = $4 - 2 then 'OUT_FOR_DELIVERY' when k % 2 = 1 then 'ARRIVED_AT_NODE' else 'DEPARTED_NODE' end,
               $2, 'NODE-' || ((s * 7 + k * 13) % 500), 'HUB', 30 + (k % 10) * 0.1, 120 + (s % 10) * 0.1, 'c-' || (s % 900)
          from (select i, i / $4 as s, i % $4 as k from generate_series($1::bigint, $5::bigint - 1) i) g`,
        [from, now, FILL_SHIPMENTS, perShipment, to],
      );
      console.log(`  filled ${to} of ${toFill} (${f(Number(process.hrtime.bigint() - fillStarted) / 1e9)} s, load ${loadavg()[0].toFixed(1)})`);
    };
    // Two connections: PostgreSQL's share of the two cores, the rest being the machine's other load.
    for (let n = 0; n < chunks.length; n += 2) await Promise.all(chunks.slice(n, n + 2).map(fillOne));
  }
  const fillSeconds = Number(process.hrtime.bigint() - fillStarted) / 1e9;
  await pool.query(`analyze tracking.tracking_event`);
  await pool.query(`analyze tracking.shipment`);
  const {
    rows: [{ n: total }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event`);
  const { rows: partitionCount } = await pool.query(`select count(*)::int as n from pg_inherits where inhparent = 'tracking.tracking_event'::regclass`);
  const query = new JourneyQuery(pool);
  const viewer = {
    kinds: [
      'LABEL_CREATED',
      'PICKED',
      'PACKED',
      'OUTBOUND',
      'FIRST_SCAN',
      'ARRIVED_AT_NODE',
      'DEPARTED_NODE',
      'OUT_FOR_DELIVERY',
      'DELIVERY_ATTEMPTED',
      'SIGNED',
      'DELIVERY_REFUSED',
      'EXCEPTION',
    ],
    location: true,
    actor: true,
  };
  const time = async (samples, run) => {
    const took = [];
    for (let i = 0; i < samples; i += 1) {
      const t = process.hrtime.bigint();
      await run(i);
      took.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    took.sort((a, b) => a - b);
    return { p50: took[Math.floor(samples * 0.5)], p99: took[Math.floor(samples * 0.99)] };
  };
  const md5uuid = (text) =>
    createHash('md5')
      .update(text)
      .digest('hex')
      .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
  const pick = (i) => (toFill > 0 ? md5uuid(`f${(i * 7919) % FILL_SHIPMENTS}`) : shipmentIds[(i * 7919) % shipmentIds.length].id);
  const journey = await time(1000, (i) => query.journey(pick(i), viewer, { first: 50 }));
  const nodeDay = new Date(Math.floor(now.getTime() / DAY) * DAY - 10 * DAY);
  const byNode = await time(200, (i) =>
    query.search({ nodeId: `NODE-${(i * 37) % 500}`, from: nodeDay, to: new Date(nodeDay.getTime() + DAY) }, viewer, { first: 50 }),
  );
  const byCarrier = await time(200, (i) =>
    query.search(
      { carrierId: 'bench', from: new Date(now.getTime() - ((i % 24) + 2) * 3_600_000), to: new Date(now.getTime() - ((i % 24) + 1) * 3_600_000) },
      viewer,
      { first: 50 },
    ),
  );
  const byTracking = await time(200, (i) =>
    query.search(
      {
        trackingNumber: toFill > 0 ? `FN${(i * 7907) % FILL_SHIPMENTS}` : `TN${((i * 31) % SHIPMENTS) + 1}`,
        from: new Date(now.getTime() - 30 * DAY),
        to: now,
      },
      viewer,
      { first: 50 },
    ),
  );
  const {
    rows: [sizes],
  } = await pool.query(
    `select pg_size_pretty(sum(pg_relation_size(inhrelid))) as heap, pg_size_pretty(sum(pg_indexes_size(inhrelid))) as indexes,
            pg_size_pretty(pg_total_relation_size('tracking.tracking_event_key')) as keys
       from pg_inherits where inhparent = 'tracking.tracking_event'::regclass`,
  );
  const plan = async (sql, params) => (await pool.query(`explain ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
  const trackingPlan = await plan(
    `select * from tracking.tracking_event e where e.occurred_at >= $1 and e.occurred_at < $2 and e.shipment_id = any($3::uuid[])
      order by e.occurred_at desc, e.carrier_id desc, e.event_id desc limit 51`,
    [new Date(now.getTime() - 30 * DAY), now, [pick(1)]],
  );

  // Updates of `shipment` so far are the ingest's folds (the fill and the queries update none); each backend has
  // reported its counts by now (PostgreSQL flushes them when a connection goes idle, within 10 s at most).
  const {
    rows: [hot],
  } = await pool.query(`select n_tup_upd::int as upd, n_tup_hot_upd::int as hot from pg_stat_user_tables where relid = 'tracking.shipment'::regclass`);

  // (4) Sweeps with a fifth of the shipments due: one bounded pass each, through the partial indexes.
  await pool.query(
    `update tracking.shipment set promised_by = $1, check_due_at = $2::timestamptz - (random() * interval '1 hour'),
            dwell_deadline = $2::timestamptz - (random() * interval '1 hour'), last_event_at = $2::timestamptz - interval '10 hours', last_node_id = 'HUB', last_node_type = 'HUB'
      where tracking_number like 'TN%' and (tracking_number like '%0' or tracking_number like '%5')`,
    [new Date(now.getTime() + 2 * DAY), now],
  );
  await pool.query(`analyze tracking.shipment`);
  const sweepPlan = await plan(
    `select sh.id from tracking.shipment sh where sh.check_due_at <= $1 and not sh.delivered and sh.check_due_at is not null
      order by sh.check_due_at limit $2 for update of sh skip locked`,
    [now, SWEEP_BATCH],
  );
  // Re-checks after events come from their own queue (the fold leaves `check_due_at` alone so its updates stay HOT).
  const recheckPlan = await plan(`select shipment_id from tracking.shipment_recheck where due_at <= $1 order by due_at limit $2 for update skip locked`, [
    now,
    SWEEP_BATCH,
  ]);
  const dwellPlan = await plan(
    `select sh.id from tracking.shipment sh where sh.dwell_deadline <= $1 and not sh.delivered and sh.dwell_deadline is not null and sh.dwell_alerted_at is null
      order by sh.dwell_deadline limit $2 for update of sh skip locked`,
    [now, SWEEP_BATCH],
  );
  const timed = async (run) => {
    const t = process.hrtime.bigint();
    const result = await run();
    return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
  };
  const delayPass = await timed(() => sweepDelays(pool, trackingSubjectsFor('bench'), { now, batch: SWEEP_BATCH, defaultLegHours: 6 }));
  const dwellPass = await timed(() => sweepDwell(pool, { now, batch: SWEEP_BATCH }));
  const {
    rows: [{ n: due }],
  } = await pool.query(`select count(*)::int as n from tracking.shipment where check_due_at <= $1`, [now]);
  const indexOf = (text) => /(?:Index Scan(?: Backward)? using|Bitmap Index Scan on) (\S+)/.exec(text)?.[1] ?? 'NO INDEX';

  console.log(`
raw COPY into tracking_event (same table, same indexes)   ${f(rawRate)} rows/s  (${rawRows} rows, ${WORKERS} connections, load ${rawLoad.map((x) => x.toFixed(2)).join(' / ')})
  CPU per 1,000 rows: this process                         ${f((rawCpu.user + rawCpu.system) / 1000 / (rawRows / 1000))} ms, PostgreSQL backends ${f(rawPgMs / (rawRows / 1000))} ms
ingest path (validate → plan → claim keys → COPY into partitions → fold shipments → queues)
                                                           ${f(rate)} events/s (${stored} events in ${f(seconds)} s) = ${f((rate / rawRate) * 100)} % of raw COPY
  CPU per 1,000 events: this process                       ${f((cpu.user + cpu.system) / 1000 / (stored / 1000))} ms, PostgreSQL backends ${f(pgCpuMs / (stored / 1000))} ms
  shipment updates that were HOT (no index writes)         ${hot.hot} of ${hot.upd} (${f((hot.hot / Math.max(1, hot.upd)) * 100)} %)
  a batch sent again                                       stored ${retried.stored}, duplicates ${retried.duplicates}
  the same ids a day earlier (another partition)           stored ${retimed.stored}, duplicates ${retimed.duplicates}; copies of one id: ${copiesOfOne}
table after fill                                           ${total} events in ${partitionCount[0].n} partitions, ${toFill > 0 ? FILL_SHIPMENTS : SHIPMENTS} shipments: heap ${sizes.heap}, indexes ${sizes.indexes}, dedup keys ${sizes.keys}
  (set-based fill of ${toFill} rows in ${f(fillSeconds)} s; load average during ingest ${ingestLoad.map((x) => x.toFixed(2)).join(' / ')})
journey of one shipment (first 50 steps)                   p50 ${f(journey.p50)} ms  p99 ${f(journey.p99)} ms
search: node, one day                                      p50 ${f(byNode.p50)} ms  p99 ${f(byNode.p99)} ms
search: carrier, one hour                                  p50 ${f(byCarrier.p50)} ms  p99 ${f(byCarrier.p99)} ms
search: tracking number, 30 days                            p50 ${f(byTracking.p50)} ms  p99 ${f(byTracking.p99)} ms  (${indexOf(trackingPlan)} …)
delay sweep, one pass of ${SWEEP_BATCH} (${due} of ${SHIPMENTS} shipments due)     ${f(delayPass.ms)} ms, checked ${delayPass.result.checked}, warned ${delayPass.result.warned}  (${indexOf(sweepPlan)}, ${indexOf(recheckPlan)})
dwell sweep, one pass of ${SWEEP_BATCH}                              ${f(dwellPass.ms)} ms, opened ${dwellPass.result}  (${indexOf(dwellPlan)})
${values.statements ? `PostgreSQL CPU by statement on the ingest path:\n${statementReport}\n` : ''}load average (1/5/15 min)                                  ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}`);
} finally {
  await pool.end();
  await orm.close();
  const admin = new pg.Client({ connectionString: base.DATABASE_URL.replace(/\/[^/]*$/, '/postgres') });
  await admin.connect();
  await admin.query(`drop database if exists "${url.pathname.slice(1)}" with (force)`);
  await admin.end();
}

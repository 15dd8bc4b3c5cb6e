// Carrier-event ingest and journey queries of the tracking service, on this machine, in one run:
//   node bench/tracking-ingest.mjs [--events 1000000] [--rows 3000000] [--shipments 100000] [--batch 10000] [--workers 4] [--sweep-batch 500]
// Prints (1) the raw COPY rate into the day-partitioned event table, (2) the full ingest path (validation,
// ownership check, COPY into staging, INSERT … SELECT … ON CONFLICT into the partitions, journey fold, milestone
// and notice queues) in events/s and this process's CPU ms per 1,000 events, and (3) journey and search latency
// (p50/p99) once the table holds `--rows` events, with table and index sizes, and (4) one bounded pass of the
// delay and dwell sweeps with a fifth of the shipments due (time, and the plan's index). CPU is this process's
// and the PostgreSQL backends' (from /proc). It builds its own database and drops it afterwards.
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
  },
});
const [EVENTS, ROWS, SHIPMENTS, BATCH, WORKERS, SWEEP_BATCH] = ['events', 'rows', 'shipments', 'batch', 'workers', 'sweep-batch'].map((key) =>
  Number(values[key]),
);
const DAY = 86_400_000;
const now = new Date();

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
  const rawSeconds = await copyRows(rawRows, 'raw-');
  const rawRate = rawRows / rawSeconds;

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
  // Open every pooled connection now, so the backends' CPU is counted from the start.
  await Promise.all(Array.from({ length: WORKERS + 2 }, () => pool.connect())).then((clients) => clients.forEach((client) => client.release()));
  const pgBefore = await backendCpu();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let stored = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, worker) => {
      for (let n = 0; n < batches; n += 1) {
        const result = await ingest.ingest('bench', batchOf(worker, n), now);
        stored += result.stored;
        if (result.rejected.length + result.parked + result.duplicates > 0)
          throw new Error(`bench batch not stored whole: ${JSON.stringify({ ...result, rejected: result.rejected.slice(0, 3) })}`);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const pgCpuMs = backendCpuMs(pgBefore, await backendCpu());
  const rate = stored / seconds;
  const retried = await ingest.ingest('bench', batchOf(0, 0), now);
  // The same event ids again, each a day earlier (another partition): the key table must still refuse them.
  const moved = batchOf(0, 0).map((event) => ({ ...event, occurredAt: new Date(Date.parse(event.occurredAt) - DAY).toISOString() }));
  const retimed = await ingest.ingest('bench', moved, now);
  const {
    rows: [{ n: copiesOfOne }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event where carrier_id = 'bench' and event_id = $1`, [moved[0].eventId]);

  // (3) Fill to ROWS events, then read.
  const {
    rows: [{ n: present }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event`);
  const fillSeconds = ROWS > present ? await copyRows(ROWS - present, 'fill-') : 0;
  await pool.query(`analyze tracking.tracking_event`);
  const {
    rows: [{ n: total }],
  } = await pool.query(`select count(*)::int as n from tracking.tracking_event`);
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
  const pick = (i) => shipmentIds[(i * 7919) % shipmentIds.length].id;
  const journey = await time(1000, (i) => query.journey(pick(i), viewer, { first: 50 }));
  const byNode = await time(200, (i) => query.search({ nodeId: `NODE-${i % 500}`, from: new Date(now.getTime() - DAY), to: now }, viewer, { first: 50 }));
  const byCarrier = await time(200, (i) =>
    query.search(
      { carrierId: 'bench', from: new Date(now.getTime() - ((i % 24) + 2) * 3_600_000), to: new Date(now.getTime() - ((i % 24) + 1) * 3_600_000) },
      viewer,
      { first: 50 },
    ),
  );
  const byTracking = await time(200, (i) =>
    query.search({ trackingNumber: `TN${((i * 31) % SHIPMENTS) + 1}`, from: new Date(now.getTime() - 7 * DAY), to: now }, viewer, { first: 50 }),
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
    [new Date(now.getTime() - 7 * DAY), now, [shipmentIds[0].id]],
  );

  // (4) Sweeps with a fifth of the shipments due: one bounded pass each, through the partial indexes.
  await pool.query(
    `update tracking.shipment set promised_by = $1, check_due_at = $2::timestamptz - (random() * interval '1 hour'),
            dwell_deadline = $2::timestamptz - (random() * interval '1 hour'), last_event_at = $2::timestamptz - interval '10 hours', last_node_id = 'HUB', last_node_type = 'HUB'
      where tracking_number like '%0' or tracking_number like '%5'`,
    [new Date(now.getTime() + 2 * DAY), now],
  );
  await pool.query(`analyze tracking.shipment`);
  const sweepPlan = await plan(
    `select sh.id from tracking.shipment sh where sh.check_due_at <= $1 and not sh.delivered and sh.check_due_at is not null
      order by sh.check_due_at limit $2 for update of sh skip locked`,
    [now, SWEEP_BATCH],
  );
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

  const f = (x) => x.toFixed(x < 10 ? 2 : 0);
  console.log(`
raw COPY into tracking_event (same table, same indexes)   ${f(rawRate)} rows/s  (${rawRows} rows, ${WORKERS} connections)
ingest path (validate → COPY staging → INSERT…SELECT ON CONFLICT → fold → queues)
                                                           ${f(rate)} events/s (${stored} events in ${f(seconds)} s) = ${f((rate / rawRate) * 100)} % of raw COPY
  CPU per 1,000 events: this process                       ${f((cpu.user + cpu.system) / 1000 / (stored / 1000))} ms, PostgreSQL backends ${f(pgCpuMs / (stored / 1000))} ms
  a batch sent again                                       stored ${retried.stored}, duplicates ${retried.duplicates}
  the same ids a day earlier (another partition)           stored ${retimed.stored}, duplicates ${retimed.duplicates}; copies of one id: ${copiesOfOne}
table after fill                                           ${total} events: heap ${sizes.heap}, indexes ${sizes.indexes}, dedup keys ${sizes.keys} (fill by COPY ${f(fillSeconds)} s)
journey of one shipment (first 50 steps)                   p50 ${f(journey.p50)} ms  p99 ${f(journey.p99)} ms
search: node, one day                                      p50 ${f(byNode.p50)} ms  p99 ${f(byNode.p99)} ms
search: carrier, one hour                                  p50 ${f(byCarrier.p50)} ms  p99 ${f(byCarrier.p99)} ms
search: tracking number, seven days                        p50 ${f(byTracking.p50)} ms  p99 ${f(byTracking.p99)} ms  (${indexOf(trackingPlan)} …)
delay sweep, one pass of ${SWEEP_BATCH} (${due} of ${SHIPMENTS} shipments due)     ${f(delayPass.ms)} ms, checked ${delayPass.result.checked}, warned ${delayPass.result.warned}  (${indexOf(sweepPlan)})
dwell sweep, one pass of ${SWEEP_BATCH}                              ${f(dwellPass.ms)} ms, opened ${dwellPass.result}  (${indexOf(dwellPlan)})
load average (1/5/15 min)                                  ${loadavg()
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

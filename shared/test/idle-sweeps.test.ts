import type { NatsConnection } from '@nats-io/transport-node';
import { CoreCommandRelay } from '../src/commands/command-relay.js';
import { createLogger } from '../src/logger.js';
import { OutboxRelay } from '../src/messaging/outbox-relay.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import type { MikroORM } from '../src/persistence/orm.js';
import { regionSchemaName } from '../src/region/region-app.js';
import { unconfirmedOrderIds } from '../src/region/summary-figures.js';
import { SummaryPublisher } from '../src/region/summary-publisher.js';
import { connectTestNats, createTestScope } from '../src/testing/harness.js';
import { openRegionStore } from './support/region-store.js';

/**
 * Issue 18: an idle region's periodic work (summaries, outbox relay, command relay) must not grow with its data.
 * Each table holds 200k rows, none of them due (and 10k commands in back-off); the jobs run on one connection, so that connection's own table
 * statistics, flushed on demand, count exactly what they read: no sequential scan and a few rows at most.
 */
const ROWS = 200_000;
const PENDING = 10_000;
const RUNS = 3;
/**
 * Rows a pass may touch: the planner itself reads a couple of index entries per range query to find the column's
 * current bounds (about 50 for the summaries' 25 queries). A scan of the data would read 200k.
 */
const MAX_ROWS_PER_PASS = 200;
const BIG_TABLES = ['regional_order', 'outbox_event', 'core_command'] as const;
const scope = createTestScope('idle-sweeps');
const schema = regionSchemaName('idle');
const logger = createLogger('idle-sweeps', 'silent');
let orm: MikroORM;
let nc: NatsConnection;

beforeAll(async () => {
  orm = await openRegionStore(scope, schema);
  nc = await connectTestNats(scope.env);
  const db = orm.em.getConnection();
  // A year and more of history before the last day: nothing in the summaries' 24-period window, nothing pending.
  await db.execute(
    `insert into "${schema}".regional_order (order_id, placed_by, idempotency_key, input_hash, customer_ref, registration, registration_request, status, created_at, updated_at)
     select gen_random_uuid(), 'user-' || g, 'key-' || g, 'hash', 'customer-' || (g % 5000), 'REGISTERED',
            '{"currency":"EUR","lines":[],"shippingTotal":0,"discountTotal":0}', 'SIGNED',
            now() - interval '400 days' + g * interval '1 minute', now() - interval '2 days'
       from generate_series(1, ${ROWS}) g`,
  );
  await db.execute(
    `insert into "${schema}".outbox_event (message_id, subject, payload, created_at, published_at)
     select 'message-' || g, 'subject', '{}', now() - interval '2 days', now() - interval '2 days' from generate_series(1, ${ROWS}) g`,
  );
  await db.execute(
    `insert into "${schema}".core_command (command_id, order_id, sequence, kind, purpose, body, state, attempts, next_attempt_at, created_at, settled_at)
     select 'command-' || g, gen_random_uuid(), 1, 'PLACE', 'placement', '{}', 'ACCEPTED', 1, now() - interval '2 days', now() - interval '2 days', now() - interval '2 days'
       from generate_series(1, ${ROWS}) g`,
  );
  // And a backlog waiting out its back-off (core was away): pending, none due yet, so a pass must not read it either.
  await db.execute(
    `insert into "${schema}".core_command (command_id, order_id, sequence, kind, purpose, body, state, attempts, next_attempt_at, created_at)
     select 'waiting-' || g, gen_random_uuid(), 1, 'PLACE', 'placement', '{}', 'PENDING', 3, now() + interval '1 hour', now() - interval '1 hour'
       from generate_series(1, ${PENDING}) g`,
  );
  await db.execute(`analyze "${schema}".regional_order, "${schema}".outbox_event, "${schema}".core_command`);
}, 120_000);

afterAll(async () => {
  await nc?.close();
  await orm?.close();
  await scope.dispose();
});

type TableReads = Record<(typeof BIG_TABLES)[number], { seqScans: number; rowsRead: number }>;

/** This connection's reads of the big tables so far (its pending statistics flushed first). */
async function tableReads(): Promise<TableReads> {
  const db = orm.em.getConnection();
  await db.execute('select pg_stat_force_next_flush()');
  await db.execute('select pg_stat_clear_snapshot()');
  const rows = await db.execute<Array<{ relname: (typeof BIG_TABLES)[number]; seq_scan: string; rows_read: string }>>(
    `select relname, seq_scan, coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as rows_read
       from pg_stat_user_tables where schemaname = ? and relname in (${BIG_TABLES.map(() => '?').join(', ')})`,
    [schema, ...BIG_TABLES],
  );
  return Object.fromEntries(rows.map((row) => [row.relname, { seqScans: Number(row.seq_scan), rowsRead: Number(row.rows_read) }])) as TableReads;
}

const jobs: Array<[string, () => Promise<unknown>]> = [
  [
    'summaries',
    () =>
      new SummaryPublisher({
        orm,
        subjects: subjectsFor(scope.env.NATS_NAMESPACE),
        region: 'idle',
        periodMs: 3_600_000,
        lookbackPeriods: 24,
        onEventsQueued: () => {},
      }).publishDue(),
  ],
  ['outbox relay', () => new OutboxRelay({ nc, em: orm.em, logger, schema }).drain()],
  [
    'command relay',
    () => new CoreCommandRelay({ nc, orm, subjects: subjectsFor(scope.env.NATS_NAMESPACE), logger, schema, source: 'region-idle', handlers: {} }).drain(),
  ],
];

it.each(jobs)('an idle %s pass reads by index and a bound, not the whole table', async (_name, run) => {
  const before = await tableReads();
  for (let pass = 0; pass < RUNS; pass += 1) expect(await run()).toBe(0);
  const after = await tableReads();
  const growth = Object.fromEntries(
    BIG_TABLES.map((table) => [table, { seqScans: after[table].seqScans - before[table].seqScans, rowsRead: after[table].rowsRead - before[table].rowsRead }]),
  );
  for (const table of BIG_TABLES) {
    expect({ table, seqScans: growth[table]!.seqScans }).toEqual({ table, seqScans: 0 });
    expect(growth[table]!.rowsRead).toBeLessThanOrEqual(MAX_ROWS_PER_PASS * RUNS);
  }
});

// Last, as it fills the summaries' window. Neither the period's confirmed orders nor earlier periods' refusals are read.
it("reads a busy period's unconfirmed orders by their own index", async () => {
  const db = orm.em.getConnection();
  const period = { start: new Date(Date.now() - 3_600_000), end: new Date() };
  const insertOrders = (prefix: string, count: number, registration: string, createdAt: string) =>
    db.execute(
      `insert into "${schema}".regional_order (order_id, placed_by, idempotency_key, input_hash, customer_ref, registration, registration_request, status, created_at, updated_at)
       select gen_random_uuid(), '${prefix}-' || g, 'key-' || g, 'hash', 'customer-' || (g % 5000), '${registration}',
              '{"currency":"EUR","lines":[],"shippingTotal":0,"discountTotal":0}', 'CREATED', ${createdAt}, now()
         from generate_series(1, ${count}) g`,
    );
  await insertOrders('busy', 50_000, 'REGISTERED', `now() - interval '50 minutes' + g * interval '50 milliseconds'`);
  await insertOrders('pending', 3, 'PENDING', `now() - interval '10 minutes'`);
  await insertOrders('refused', 10_000, 'REJECTED', `now() - interval '300 days' + g * interval '1 minute'`);
  await db.execute(`analyze "${schema}".regional_order`);
  const pending = await db.execute<Array<{ order_id: string }>>(
    `select order_id from "${schema}".regional_order where placed_by like 'pending-%' order by order_id`,
  );

  const before = await tableReads();
  const ids = await unconfirmedOrderIds(orm.em.fork(), period);
  const after = await tableReads();
  expect(ids).toEqual(pending.map((row) => row.order_id));
  expect(after.regional_order.seqScans - before.regional_order.seqScans).toBe(0);
  expect(after.regional_order.rowsRead - before.regional_order.rowsRead).toBeLessThanOrEqual(MAX_ROWS_PER_PASS);
}, 60_000);

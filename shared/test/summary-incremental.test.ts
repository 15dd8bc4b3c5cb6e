import { openDatabase, type MikroORM } from '../src/persistence/orm.js';
import { OutboxEvent } from '../src/messaging/outbox-event.entity.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import { CoreCommandRecord } from '../src/commands/core-command.entity.js';
import { REGION_MIGRATIONS, regionSchemaName } from '../src/region/region-app.js';
import { RegionalOrder, RegionalOrderStatusEvent } from '../src/region/regional-order.entity.js';
import { SummaryPublication } from '../src/region/summary-publication.entity.js';
import { SummaryPublisher } from '../src/region/summary-publisher.js';
import { createTestScope } from '../src/testing/harness.js';

/**
 * Issue 18: the summary job's cost follows what changed, not the traffic of its whole 24-period window. The last day
 * holds 20k orders; after a first full pass, a pass reads only the periods where orders were written meanwhile.
 */
const PERIOD_MS = 3_600_000;
const ORDERS_PER_DAY = 20_000;
const scope = createTestScope('summary-incremental');
const schema = regionSchemaName('incr');
let orm: MikroORM;

beforeAll(async () => {
  orm = await openDatabase({
    clientUrl: scope.env.DATABASE_URL,
    schema,
    entities: [RegionalOrder, RegionalOrderStatusEvent, SummaryPublication, CoreCommandRecord, OutboxEvent],
    migrations: REGION_MIGRATIONS,
    poolSize: 1,
  });
  // Written when placed, from 23 hours to one hour ago: none within the publisher's overlap of a pass.
  const placed = `now() - interval '23 hours' + g * (interval '22 hours' / ${ORDERS_PER_DAY})`;
  await insertOrders(placed, placed, ORDERS_PER_DAY);
  await orm.em.getConnection().execute(`analyze "${schema}".regional_order`);
}, 120_000);

afterAll(async () => {
  await orm?.close();
  await scope.dispose();
});

let batch = 0;
async function insertOrders(createdAt: string, updatedAt: string, count: number): Promise<void> {
  batch += 1;
  await orm.em.getConnection().execute(
    `insert into "${schema}".regional_order (order_id, placed_by, idempotency_key, input_hash, customer_ref, registration, registration_request, status, created_at, updated_at)
     select gen_random_uuid(), 'user', 'key-${batch}-' || g, 'hash', 'customer', 'REGISTERED',
            '{"currency":"EUR","lines":[],"shippingTotal":100,"discountTotal":0}', 'CREATED', ${createdAt}, ${updatedAt}
       from generate_series(1, ${count}) g`,
  );
}

/** This connection's reads of regional_order so far (its pending statistics flushed first). */
async function rowsRead(): Promise<number> {
  const db = orm.em.getConnection();
  await db.execute('select pg_stat_force_next_flush()');
  await db.execute('select pg_stat_clear_snapshot()');
  const [row] = await db.execute<Array<{ rows_read: string }>>(
    `select coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0) as rows_read from pg_stat_user_tables where schemaname = ? and relname = 'regional_order'`,
    [schema],
  );
  return Number(row!.rows_read);
}

async function pass(publisher: SummaryPublisher, now: Date): Promise<{ queued: number; read: number }> {
  const before = await rowsRead();
  const queued = await publisher.publishDue(now);
  return { queued, read: (await rowsRead()) - before };
}

it('recomputes every period at first, then only the periods with orders written since the previous pass', async () => {
  const publisher = new SummaryPublisher({
    orm,
    subjects: subjectsFor(scope.env.NATS_NAMESPACE),
    region: 'incr',
    periodMs: PERIOD_MS,
    lookbackPeriods: 24,
    onEventsQueued: () => {},
  });
  const start = Date.now();
  const first = await pass(publisher, new Date(start));
  expect(first.queued).toBeGreaterThanOrEqual(23);
  expect(first.read).toBeGreaterThanOrEqual(ORDERS_PER_DAY);

  // Nothing written since: the pass finds no changed period and reads (almost) nothing.
  const idle = await pass(publisher, new Date(start + 60_000));
  expect(idle).toEqual({ queued: 0, read: expect.any(Number) });
  expect(idle.read).toBeLessThan(50);

  // One late order in a period ten hours back, written now: only that period is read again, and republished.
  await insertOrders(`now() - interval '10 hours'`, `now()`, 1);
  const late = await pass(publisher, new Date(start + 120_000));
  expect(late.queued).toBe(1);
  expect(late.read).toBeLessThan(ORDERS_PER_DAY / 10);
});

it('recomputes every period on its first pass, as after a restart', async () => {
  const restarted = new SummaryPublisher({
    orm,
    subjects: subjectsFor(scope.env.NATS_NAMESPACE),
    region: 'incr',
    periodMs: PERIOD_MS,
    lookbackPeriods: 24,
    onEventsQueued: () => {},
  });
  const { queued, read } = await pass(restarted, new Date());
  // Every period was already published with these figures: nothing new to send, but all of them were checked.
  expect(queued).toBe(0);
  expect(read).toBeGreaterThanOrEqual(ORDERS_PER_DAY);
});

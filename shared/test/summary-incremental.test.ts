import type { MikroORM } from '../src/persistence/orm.js';
import { subjectsFor } from '../src/messaging/subjects.js';
import { regionSchemaName } from '../src/region/region-app.js';
import { SummaryPublisher } from '../src/region/summary-publisher.js';
import { createTestScope } from '../src/testing/harness.js';
import { EMPTY_ORDER_SET_DIGEST, xorOrderIds } from '../src/messaging/order-set-digest.js';
import type { RegionSummary } from '../src/messaging/summary-contracts.js';
import { openRegionStore } from './support/region-store.js';

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
  orm = await openRegionStore(scope, schema);
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
async function insertOrders(createdAt: string, updatedAt: string, count: number, registration = `'REGISTERED'`): Promise<void> {
  batch += 1;
  await orm.em.getConnection().execute(
    `insert into "${schema}".regional_order (order_id, placed_by, idempotency_key, input_hash, customer_ref, registration, registration_request, status, created_at, updated_at)
     select gen_random_uuid(), 'user', 'key-${batch}-' || g, 'hash', 'customer', ${registration},
            '{"currency":"EUR","lines":[{"sku":"A","quantity":2,"unitPrice":500,"unitTax":95}],"shippingTotal":100,"discountTotal":0}',
            'CREATED', ${createdAt}, ${updatedAt}
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

async function periodsWritten(): Promise<number> {
  const [row] = await orm.em
    .getConnection()
    .execute<Array<{ periods: string }>>(
      `select count(distinct floor(extract(epoch from created_at) * 1000 / ${PERIOD_MS})) as periods from "${schema}".regional_order`,
    );
  return Number(row!.periods);
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
  // 22 hours of orders span 23 periods, or 22 when the fixture is written in the last 4 s of an hour.
  expect(first.queued).toBe(await periodsWritten());
  expect(first.read).toBeGreaterThanOrEqual(ORDERS_PER_DAY);

  // Nothing written since: the pass finds no changed period and reads (almost) nothing.
  const idle = await pass(publisher, new Date(start + 60_000));
  expect(idle).toEqual({ queued: 0, read: expect.any(Number) });
  expect(idle.read).toBeLessThan(50);

  // One late order in a period ten hours back, written now: only that period is read again (twice: its figures,
  // then the orders it names), and republished.
  await insertOrders(`now() - interval '10 hours'`, `now()`, 1);
  const late = await pass(publisher, new Date(start + 120_000));
  expect(late.queued).toBe(1);
  expect(late.read).toBeLessThan((2 * ORDERS_PER_DAY) / 22 + 50);
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

it('states a busy period in one small message: counts, a digest of every order, and only the orders core has not confirmed', async () => {
  // 30,000 orders in one period two days back (outside the other tests' window), one in a thousand still pending.
  const periodStart = new Date(Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS - 48 * PERIOD_MS);
  const at = `'${periodStart.toISOString()}'::timestamptz + g * interval '100 ms'`;
  await insertOrders(at, at, 30_000, `case when g % 1000 = 0 then 'PENDING' else 'REGISTERED' end`);
  const publisher = new SummaryPublisher({
    orm,
    subjects: subjectsFor(scope.env.NATS_NAMESPACE),
    region: 'incr',
    periodMs: PERIOD_MS,
    lookbackPeriods: 48,
    onEventsQueued: () => {},
  });
  await publisher.publishDue();

  const db = orm.em.getConnection();
  const [row] = await db.execute<Array<{ payload: RegionSummary; bytes: number }>>(
    `select payload, octet_length(payload::text) as bytes from "${schema}".outbox_event where payload->>'periodStart' = ? order by id desc limit 1`,
    [periodStart.toISOString()],
  );
  const orders = await db.execute<Array<{ order_id: string; registration: string }>>(
    `select order_id, registration from "${schema}".regional_order where created_at >= ? and created_at < ? order by order_id`,
    [periodStart, new Date(periodStart.getTime() + PERIOD_MS)],
  );
  expect(orders).toHaveLength(30_000);
  const summary = row!.payload;
  expect(summary).toMatchObject({
    ordersPlaced: 30_000,
    // The digest PostgreSQL aggregated is the one core and this function compute from the ids.
    orderDigest: xorOrderIds(
      EMPTY_ORDER_SET_DIGEST,
      orders.map((order) => order.order_id),
    ),
    unconfirmedOrderIds: orders.filter((order) => order.registration === 'PENDING').map((order) => order.order_id),
    gmv: { EUR: 30_000 * (2 * 595 + 100) },
    metrics: expect.objectContaining({ pendingRegistrations: 30 }),
  });
  // The id list it replaced would have been 30,000 × 39 bytes, past JetStream's 1 MB message limit.
  expect(row!.bytes).toBeLessThan(4_000);
});

it('reads again only the slices of a busy period written since the previous pass, and states what a whole read would', async () => {
  // 6,000 orders over one period 36 hours back (100 a minute), written when placed.
  const periodStart = new Date(Math.floor(Date.now() / PERIOD_MS) * PERIOD_MS - 36 * PERIOD_MS);
  const at = `'${periodStart.toISOString()}'::timestamptz + g * interval '600 ms' - interval '1 ms'`;
  await insertOrders(at, at, 6_000);
  const options = { orm, subjects: subjectsFor(scope.env.NATS_NAMESPACE), region: 'incr', periodMs: PERIOD_MS, lookbackPeriods: 48, onEventsQueued: () => {} };
  const publisher = new SummaryPublisher(options);
  const start = Date.now();
  await pass(publisher, new Date(start));

  // One more order in that period's 31st minute, written now: its minute is read again, not the period's hour.
  await insertOrders(`'${periodStart.toISOString()}'::timestamptz + interval '30 minutes 30 seconds'`, 'now()', 1);
  const late = await pass(publisher, new Date(start + 60_000));
  expect(late.queued).toBe(1);
  // Twice (figures, then its low-carbon orders) the new order's minute and the first test's late order's minute, and
  // for each of the two periods the unconfirmed orders by their index (the 30 pending ones the test before wrote).
  expect(late.read).toBeLessThan(2 * 101 + 2 * 20 + 2 * 30 + 50);

  const db = orm.em.getConnection();
  const [row] = await db.execute<Array<{ payload: RegionSummary }>>(
    `select payload from "${schema}".outbox_event where payload->>'periodStart' = ? order by id desc limit 1`,
    [periodStart.toISOString()],
  );
  const orders = await db.execute<Array<{ order_id: string }>>(`select order_id from "${schema}".regional_order where created_at >= ? and created_at < ?`, [
    periodStart,
    new Date(periodStart.getTime() + PERIOD_MS),
  ]);
  expect(orders).toHaveLength(6_001);
  expect(row!.payload).toMatchObject({
    ordersPlaced: 6_001,
    orderDigest: xorOrderIds(
      EMPTY_ORDER_SET_DIGEST,
      orders.map((order) => order.order_id),
    ),
    gmv: { EUR: 6_001 * (2 * 595 + 100) },
    unconfirmedOrderIds: [],
  });
  // A publisher starting afresh reads the period whole and finds the same figures: nothing new to publish.
  expect((await pass(new SummaryPublisher(options), new Date(start + 120_000))).queued).toBe(0);
});

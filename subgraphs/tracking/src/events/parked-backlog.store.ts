import type pg from 'pg';

const S = '"tracking"';
const PARKED_COLUMNS = `carrier_id, event_id, occurred_at, tracking_number, order_id, kind, recorded_at, node_id, node_type, latitude, longitude, actor_id, parked_at`;

/** One step of the walk over parked events that name an order: the orders tracking knows now, and where to go on. */
export interface ParkedOrdersStep {
  /** Orders seen in this step that tracking has heard of from core: their parked events can join a journey. */
  known: string[];
  /** Order id to continue after; null when the walk reached the end (the next pass starts again). */
  after: string | null;
}

/**
 * Reads at most `batch` parked events in order-id order after `after`, through the partial order-id index (keyset,
 * so each pass costs the same however long the backlog is), and says which of their orders tracking knows.
 * The events of one order stay together: matching an order moves all of them, so the walk may skip its rest.
 */
export async function nextParkedOrders(pool: pg.Pool, after: string | null, batch: number): Promise<ParkedOrdersStep> {
  const { rows } = await pool.query<{ order_id: string; scanned: number; known: boolean }>(
    `with scanned as (
      select order_id from ${S}.parked_event where order_id is not null ${after === null ? '' : 'and order_id > $2::uuid'}
      order by order_id limit $1)
    select s.order_id, (select count(*)::int from scanned) as scanned,
      exists (select 1 from ${S}.tracked_order o where o.order_id = s.order_id) as known
      from (select distinct order_id from scanned) s order by s.order_id`,
    after === null ? [batch] : [batch, after],
  );
  const scanned = rows[0]?.scanned ?? 0;
  return { known: rows.filter((row) => row.known).map((row) => row.order_id), after: scanned < batch ? null : rows.at(-1)!.order_id };
}

/**
 * Moves parked events older than `before` (parked then, their parcel never appeared) to `parked_event_expired`,
 * oldest first, at most `batch` per call; SKIP LOCKED lets replicas share the work. Returns how many expired.
 * A retry of an already expired event id parks again and, if it expires too, stays recorded once.
 */
export async function expireParkedEvents(pool: pg.Pool, options: { before: Date; now: Date; batch: number }): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `with due as (
      select carrier_id, event_id from ${S}.parked_event where parked_at < $1 order by parked_at limit $2 for update skip locked),
    moved as (
      delete from ${S}.parked_event p using due where p.carrier_id = due.carrier_id and p.event_id = due.event_id returning p.*),
    kept as (
      insert into ${S}.parked_event_expired (${PARKED_COLUMNS}, expired_at) select ${PARKED_COLUMNS}, $3 from moved
      on conflict (carrier_id, event_id) do nothing)
    select count(*)::int as n from moved`,
    [options.before, options.batch, options.now],
  );
  return rows[0]!.n;
}

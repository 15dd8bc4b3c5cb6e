import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CarrierEvent } from './domain/carrier-event.rules.js';
import type { EventKind, NodeType } from './domain/event-kinds.js';
import { redirectToWinners, type BatchFacts, type IngestPlan, type KnownShipment } from './domain/ingest-plan.js';

const S = '"tracking"';

/** An event now in `tracking_event`, with the facts the journey fold and the notices need. */
export interface StoredEvent {
  shipmentId: string;
  carrierId: string;
  eventId: string;
  kind: EventKind;
  occurredAt: Date;
  nodeId: string | null;
  nodeType: NodeType | null;
  latitude: number | null;
  longitude: number | null;
}

const EVENT_COLUMNS = `"carrier_id", "occurred_at", "event_id", "shipment_id", "kind", "recorded_at", "node_id", "node_type", "latitude", "longitude", "actor_id"`;
const RETURNED = `shipment_id as "shipmentId", carrier_id as "carrierId", event_id as "eventId", kind, occurred_at as "occurredAt",
  node_id as "nodeId", node_type as "nodeType", latitude, longitude`;

/** COPY text format: validated ids never contain tabs, newlines or backslashes, so only NULL needs spelling. */
const field = (value: string | number | null) => (value === null ? '\\N' : value);
/** One `tracking_event` row in `EVENT_COLUMNS` order; templates rather than an array per row, as this runs for every event. */
const copyLine = ({ event, shipmentId }: { event: CarrierEvent; shipmentId: string }, recordedAt: string) => {
  const { carrierId, occurredAt, eventId, kind, nodeId, nodeType, latitude, longitude, actorId } = event;
  const head = `${carrierId}\t${occurredAt.toISOString()}\t${eventId}\t${shipmentId}\t${kind}\t${recordedAt}`;
  return `${head}\t${field(nodeId)}\t${field(nodeType)}\t${field(latitude)}\t${field(longitude)}\t${field(actorId)}`;
};

/** Reads, outside the write transaction, what planning a batch needs: its parcels' shipments and, for new parcels, their orders. */
export async function loadBatchFacts(pool: pg.Pool, events: readonly CarrierEvent[]): Promise<BatchFacts> {
  const numbers = [...new Set(events.map((event) => event.trackingNumber))];
  const { rows } = await pool.query<{ tracking_number: string } & KnownShipment>(
    `select tracking_number, id, carrier_id as "carrierId", order_id as "orderId" from ${S}.shipment where tracking_number = any($1::text[])`,
    [numbers],
  );
  const shipmentsByNumber = new Map<string, KnownShipment[]>();
  for (const { tracking_number: number, ...shipment } of rows) shipmentsByNumber.set(number, [...(shipmentsByNumber.get(number) ?? []), shipment]);
  const named = [...new Set(events.filter((e) => e.orderId !== null && !shipmentsByNumber.has(e.trackingNumber)).map((e) => e.orderId!))];
  const knownOrders = new Set<string>();
  if (named.length > 0) {
    const known = await pool.query<{ order_id: string }>(`select order_id from ${S}.tracked_order where order_id = any($1::uuid[])`, [named]);
    for (const row of known.rows) knownOrders.add(row.order_id);
  }
  return { shipmentsByNumber, knownOrders };
}

/**
 * Writes a planned batch inside the caller's transaction, set-wise: opens its new shipments, claims the events'
 * ids in `tracking_event_key` in one statement (in key order, so concurrent batches that overlap cannot
 * deadlock), COPYs the claimed ones straight into the partitions; what is left is parked. Returns the events
 * stored (a repeated id, at any time, is not) and the number parked.
 */
export async function storeBatch(client: pg.PoolClient, plan: IngestPlan, recordedAt: Date): Promise<{ stored: StoredEvent[]; parked: number }> {
  let store = plan.store;
  if (plan.open.length > 0) {
    const carrierId = plan.store[0]!.event.carrierId;
    const { rows: opened } = await client.query<{ id: string }>(
      `insert into ${S}.shipment (id, order_id, carrier_id, tracking_number)
      select id, order_id, $4, tracking_number from unnest($1::uuid[], $2::uuid[], $3::text[]) as u(id, order_id, tracking_number)
      on conflict do nothing returning id`,
      [plan.open.map((o) => o.id), plan.open.map((o) => o.orderId), plan.open.map((o) => o.trackingNumber), carrierId],
    );
    if (opened.length < plan.open.length) {
      const { rows: winners } = await client.query<{ id: string; tracking_number: string }>(
        `select id, tracking_number from ${S}.shipment where carrier_id = $1 and tracking_number = any($2::text[])`,
        [carrierId, plan.open.map((o) => o.trackingNumber)],
      );
      store = redirectToWinners(plan, new Map(winners.map((row) => [row.tracking_number, row.id])));
    }
  }
  let stored: StoredEvent[] = [];
  if (store.length > 0) {
    // Claim the ids first (in key order, so overlapping concurrent batches cannot deadlock); only repeats come back.
    const {
      rows: [claim],
    } = await client.query<{ claimed: number; ids: string[] | null }>(
      `with claimed as (
        insert into ${S}.tracking_event_key (carrier_id, event_id, occurred_at)
        select $1, e, to_timestamp(o / 1e3) from json_to_recordset($2::json) as u(e text, o float8) order by e
        on conflict do nothing returning event_id)
      select count(*)::int as claimed, case when count(*) < $3 then coalesce(array_agg(event_id), '{}') end as ids from claimed`,
      // One JSON document with epoch milliseconds: two array parameters of 10,000 elements were escaped one by one by the driver.
      [store[0]!.event.carrierId, JSON.stringify(store.map(({ event }) => ({ e: event.eventId, o: event.occurredAt.getTime() }))), store.length],
    );
    const claimedIds = claim!.ids === null ? null : new Set(claim!.ids);
    const fresh = claimedIds === null ? store : store.filter(({ event }) => claimedIds.has(event.eventId));
    if (fresh.length > 0) {
      // Straight into the partitioned table: COPY routes each row to its day and writes in bulk.
      const recorded = recordedAt.toISOString();
      await pipeline(
        Readable.from([Buffer.from(`${fresh.map((entry) => copyLine(entry, recorded)).join('\n')}\n`)]),
        client.query(copyFrom(`copy ${S}.tracking_event (${EVENT_COLUMNS}) from stdin`)),
      );
    }
    stored = fresh.map(({ event, shipmentId }) => toStored(event, shipmentId));
  }
  let parked = 0;
  if (plan.park.length > 0) {
    const column = <T>(pick: (event: CarrierEvent) => T) => plan.park.map(pick);
    const result = await client.query(
      `insert into ${S}.parked_event
        (carrier_id, event_id, occurred_at, tracking_number, order_id, kind, recorded_at, node_id, node_type, latitude, longitude, actor_id)
      select c, e, o, t, ord, k, $7, n, nt, lat, lon, a
        from unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::uuid[], $6::text[], $8::text[], $9::text[], $10::float8[], $11::float8[], $12::text[])
          as u(c, e, o, t, ord, k, n, nt, lat, lon, a)
      on conflict do nothing`,
      [
        column((e) => e.carrierId),
        column((e) => e.eventId),
        column((e) => e.occurredAt),
        column((e) => e.trackingNumber),
        column((e) => e.orderId),
        column((e) => e.kind),
        recordedAt,
        column((e) => e.nodeId),
        column((e) => e.nodeType),
        column((e) => e.latitude),
        column((e) => e.longitude),
        column((e) => e.actorId),
      ],
    );
    parked = result.rowCount ?? 0;
  }
  return { stored, parked };
}

const toStored = (event: CarrierEvent, shipmentId: string): StoredEvent => ({
  shipmentId,
  carrierId: event.carrierId,
  eventId: event.eventId,
  kind: event.kind,
  occurredAt: event.occurredAt,
  nodeId: event.nodeId,
  nodeType: event.nodeType,
  latitude: event.latitude,
  longitude: event.longitude,
});

/**
 * Moves parked events of these shipments into the journey (a shipment was registered or its order became
 * known). Runs in the caller's transaction; returns what was stored, for the fold.
 */
export async function unparkForShipments(client: pg.PoolClient, shipmentIds: readonly string[]): Promise<StoredEvent[]> {
  if (shipmentIds.length === 0) return [];
  const { rows } = await client.query<StoredEvent>(
    `with moved as (
      delete from ${S}.parked_event p using ${S}.shipment sh
       where sh.id = any($1::uuid[]) and p.carrier_id = sh.carrier_id and p.tracking_number = sh.tracking_number
      returning p.*, sh.id as shipment_id),
    claimed as (
      insert into ${S}.tracking_event_key (carrier_id, event_id, occurred_at) select carrier_id, event_id, occurred_at from moved
      on conflict do nothing returning carrier_id, event_id)
    insert into ${S}.tracking_event (${EVENT_COLUMNS})
    select m.carrier_id, m.occurred_at, m.event_id, m.shipment_id, m.kind, m.recorded_at, m.node_id, m.node_type, m.latitude, m.longitude, m.actor_id
      from moved m join claimed c on c.carrier_id = m.carrier_id and c.event_id = m.event_id
    on conflict do nothing returning ${RETURNED}`,
    [shipmentIds],
  );
  return rows;
}

/** Which of these orders parked events name: most orders core tells us of have none, and then nothing else runs. */
export async function parkedOrdersAmong(pool: pg.Pool, orderIds: readonly string[]): Promise<string[]> {
  if (orderIds.length === 0) return [];
  const { rows } = await pool.query<{ order_id: string }>(`select distinct order_id from ${S}.parked_event where order_id = any($1::uuid[])`, [orderIds]);
  return rows.map((row) => row.order_id);
}

/** Opens shipments for parked events that named this order, now that core told us about it; returns them. */
export async function openShipmentsForParkedOrder(client: pg.PoolClient, orderId: string): Promise<string[]> {
  await client.query(
    `insert into ${S}.shipment (id, order_id, carrier_id, tracking_number)
    select distinct on (carrier_id, tracking_number) gen_random_uuid(), order_id, carrier_id, tracking_number
      from ${S}.parked_event where order_id = $1 on conflict do nothing`,
    [orderId],
  );
  const { rows } = await client.query<{ id: string }>(
    `select distinct sh.id from ${S}.parked_event p
    join ${S}.shipment sh on sh.carrier_id = p.carrier_id and sh.tracking_number = p.tracking_number where p.order_id = $1`,
    [orderId],
  );
  return rows.map((row) => row.id);
}

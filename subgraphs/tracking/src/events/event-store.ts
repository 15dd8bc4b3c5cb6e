import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { CarrierEvent } from './domain/carrier-event.rules.js';
import type { EventKind, NodeType } from './domain/event-kinds.js';

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
const field = (value: string | number | null) => (value === null ? '\\N' : String(value));
const copyLine = (event: CarrierEvent) =>
  [
    event.carrierId,
    event.eventId,
    event.occurredAt.toISOString(),
    event.trackingNumber,
    event.orderId,
    event.kind,
    event.nodeId,
    event.nodeType,
    event.latitude,
    event.longitude,
    event.actorId,
  ]
    .map(field)
    .join('\t');

/**
 * Stores a validated batch inside the caller's transaction: COPY into a per-connection staging table, then
 * set-wise inserts. Events naming a known order open its shipment; events of known shipments are stored
 * (a repeated event id, at any time, is dropped by `tracking_event_key`); the rest are parked, never lost.
 */
export async function storeBatch(client: pg.PoolClient, events: readonly CarrierEvent[], recordedAt: Date): Promise<{ stored: StoredEvent[]; parked: number }> {
  await client.query(`create temp table if not exists tracking_staging (
    carrier_id varchar(100), event_id varchar(100), occurred_at timestamptz, tracking_number varchar(100), order_id uuid, kind varchar(30),
    node_id varchar(100), node_type varchar(30), latitude double precision, longitude double precision, actor_id varchar(100)) on commit delete rows`);
  const body = `${events.map(copyLine).join('\n')}\n`;
  await pipeline(Readable.from([Buffer.from(body)]), client.query(copyFrom('copy tracking_staging from stdin')));
  await client.query(`insert into ${S}.shipment (id, order_id, carrier_id, tracking_number)
    select gen_random_uuid(), s.order_id, s.carrier_id, s.tracking_number
      from (select distinct on (carrier_id, tracking_number) carrier_id, tracking_number, order_id from tracking_staging
             where order_id is not null order by carrier_id, tracking_number, occurred_at) s
      join ${S}.tracked_order o on o.order_id = s.order_id
    on conflict do nothing`);
  // The id is claimed in the unpartitioned key table first: only claimed events are stored, whatever their time.
  const { rows: stored } = await client.query<StoredEvent>(
    `with claimed as (
      insert into ${S}.tracking_event_key (carrier_id, event_id, occurred_at)
      select s.carrier_id, s.event_id, s.occurred_at
        from tracking_staging s join ${S}.shipment sh on sh.carrier_id = s.carrier_id and sh.tracking_number = s.tracking_number
      on conflict do nothing returning carrier_id, event_id, occurred_at)
    insert into ${S}.tracking_event (${EVENT_COLUMNS})
    select s.carrier_id, s.occurred_at, s.event_id, sh.id, s.kind, $1, s.node_id, s.node_type, s.latitude, s.longitude, s.actor_id
      from claimed c join tracking_staging s on s.carrier_id = c.carrier_id and s.event_id = c.event_id and s.occurred_at = c.occurred_at
      join ${S}.shipment sh on sh.carrier_id = s.carrier_id and sh.tracking_number = s.tracking_number
    on conflict do nothing returning ${RETURNED}`,
    [recordedAt],
  );
  const parked = await client.query(
    `insert into ${S}.parked_event
      (carrier_id, event_id, occurred_at, tracking_number, order_id, kind, recorded_at, node_id, node_type, latitude, longitude, actor_id)
    select s.carrier_id, s.event_id, s.occurred_at, s.tracking_number, s.order_id, s.kind, $1, s.node_id, s.node_type, s.latitude, s.longitude, s.actor_id
      from tracking_staging s
     where not exists (select 1 from ${S}.shipment sh where sh.carrier_id = s.carrier_id and sh.tracking_number = s.tracking_number)
    on conflict do nothing`,
    [recordedAt],
  );
  return { stored, parked: parked.rowCount ?? 0 };
}

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

/** Tracking numbers of this batch already registered to another carrier, or to another order of this carrier. */
export async function findOwnershipConflicts(pool: pg.Pool, carrierId: string, events: readonly CarrierEvent[]) {
  const numbers = [...new Set(events.map((event) => event.trackingNumber))];
  const { rows } = await pool.query<{ tracking_number: string; carrier_id: string; order_id: string }>(
    `select tracking_number, carrier_id, order_id from ${S}.shipment where tracking_number = any($1::text[])`,
    [numbers],
  );
  const own = new Map<string, string>();
  const foreign = new Set<string>();
  for (const row of rows) {
    if (row.carrier_id === carrierId) own.set(row.tracking_number, row.order_id);
    else foreign.add(row.tracking_number);
  }
  return { ownOrderOf: own, foreign };
}

import type pg from 'pg';
import { staleLayers } from '../freshness/domain/freshness.rules.js';
import type { CustomerTier } from '../notices/domain/notice-tiering.js';
import type { JourneyDisclosure } from './domain/journey-disclosure.js';
import { decodeCursor, pageSize, toConnection, type ConnectionArgs } from '@hub/shared/graphql/connection';
import type { ShipmentView, TrackingEventView } from '../graphql/tracking.types.js';

const S = '"tracking"';

export interface TrackedOrderFacts {
  orderId: string;
  region: string;
  customerRef: string;
  tier: CustomerTier;
  statusAt: Date;
}

interface ShipmentRow {
  id: string;
  order_id: string;
  carrier_id: string;
  tracking_number: string;
  promised_by: Date | null;
  route: string[];
  eta: Date | null;
  late: boolean;
  last_kind: string | null;
  last_event_at: Date | null;
  last_node_id: string | null;
  delivered: boolean;
  milestone_rank: number;
  latest_warehouse_at: Date | null;
  latest_transport_at: Date | null;
  status_at: Date | null;
}

interface EventRow {
  carrier_id: string;
  event_id: string;
  shipment_id: string;
  kind: string;
  occurred_at: Date;
  recorded_at: Date;
  node_id: string | null;
  node_type: string | null;
  latitude: number | null;
  longitude: number | null;
  actor_id: string | null;
}

const SHIPMENT_COLUMNS = `sh.id, sh.order_id, sh.carrier_id, sh.tracking_number, sh.promised_by, sh.route, sh.eta, sh.late, sh.last_kind, sh.last_event_at,
  sh.last_node_id, sh.delivered, sh.milestone_rank, sh.latest_warehouse_at, sh.latest_transport_at, o.status_at`;
const EVENT_COLUMNS = `e.carrier_id, e.event_id, e.shipment_id, e.kind, e.occurred_at, e.recorded_at, e.node_id, e.node_type, e.latitude, e.longitude, e.actor_id`;

export function toShipmentView(row: ShipmentRow, viewer: JourneyDisclosure, now: Date): ShipmentView {
  return {
    id: row.id,
    orderId: row.order_id,
    carrierId: row.carrier_id,
    trackingNumber: row.tracking_number,
    promisedBy: row.promised_by,
    route: row.route,
    eta: row.delivered ? null : row.eta,
    late: row.late && !row.delivered,
    lastKind: row.last_kind,
    lastEventAt: row.last_event_at,
    lastNodeId: viewer.location ? row.last_node_id : null,
    delivered: row.delivered,
    viewer,
    staleLayers: row.delivered
      ? []
      : staleLayers({ WAREHOUSE: row.latest_warehouse_at, TRANSPORT: row.latest_transport_at, STATUS: row.status_at }, row.milestone_rank >= 4, now),
  };
}

export function toEventView(row: EventRow, viewer: JourneyDisclosure): TrackingEventView {
  return {
    id: `${row.carrier_id}:${row.event_id}`,
    eventId: row.event_id,
    carrierId: row.carrier_id,
    shipmentId: row.shipment_id,
    kind: row.kind,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    nodeId: viewer.location ? row.node_id : null,
    nodeType: viewer.location ? row.node_type : null,
    latitude: viewer.location ? row.latitude : null,
    longitude: viewer.location ? row.longitude : null,
    actorId: viewer.actor ? row.actor_id : null,
  };
}

const eventKey = (row: EventRow) => [row.occurred_at.toISOString(), row.carrier_id, row.event_id];

export interface EventSearch {
  orderId?: string | undefined;
  trackingNumber?: string | undefined;
  carrierId?: string | undefined;
  nodeId?: string | undefined;
  from: Date;
  to: Date;
  /** Region scope of the caller; undefined for global roles. */
  regions?: string[] | undefined;
}

/** Reads for journeys and searches; every query is served by an index and pruned to the partitions of its time range. */
export class JourneyQuery {
  constructor(private readonly pool: pg.Pool) {}

  async trackedOrders(orderIds: readonly string[]): Promise<Map<string, TrackedOrderFacts>> {
    const { rows } = await this.pool.query<{ order_id: string; region: string; customer_ref: string; tier: CustomerTier; status_at: Date }>(
      `select o.order_id, o.region, o.customer_ref, coalesce(t.tier, 'ORDINARY') as tier, o.status_at from ${S}.tracked_order o
        left join ${S}.customer_tier t on t.customer_ref = o.customer_ref where o.order_id = any($1::uuid[])`,
      [orderIds],
    );
    return new Map(
      rows.map((row) => [row.order_id, { orderId: row.order_id, region: row.region, customerRef: row.customer_ref, tier: row.tier, statusAt: row.status_at }]),
    );
  }

  async shipmentsOfOrders(orderIds: readonly string[]): Promise<Map<string, ShipmentRow[]>> {
    const { rows } = await this.pool.query<ShipmentRow>(
      `select ${SHIPMENT_COLUMNS} from ${S}.shipment sh left join ${S}.tracked_order o on o.order_id = sh.order_id
      where sh.order_id = any($1::uuid[]) order by sh.created_at`,
      [orderIds],
    );
    const grouped = new Map<string, ShipmentRow[]>(orderIds.map((id) => [id, []]));
    rows.forEach((row) => grouped.get(row.order_id)?.push(row));
    return grouped;
  }

  async shipmentByTrackingNumber(carrierId: string, trackingNumber: string): Promise<ShipmentRow | undefined> {
    const { rows } = await this.pool.query<ShipmentRow>(
      `select ${SHIPMENT_COLUMNS} from ${S}.shipment sh left join ${S}.tracked_order o on o.order_id = sh.order_id
      where sh.carrier_id = $1 and sh.tracking_number = $2`,
      [carrierId, trackingNumber],
    );
    return rows[0];
  }

  /** A shipment's journey, oldest step first, limited to what the viewer may see. */
  async journey(shipmentId: string, viewer: JourneyDisclosure, args: ConnectionArgs) {
    const position = args.after ? decodeCursor(args.after, 3) : null;
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from ${S}.tracking_event e
      where e.shipment_id = $1 and e.kind = any($2::text[])
        and ($3::timestamptz is null or (e.occurred_at, e.carrier_id, e.event_id) > ($3::timestamptz, $4, $5))
      order by e.occurred_at, e.carrier_id, e.event_id limit $6`,
      [shipmentId, viewer.kinds, position?.[0] ?? null, position?.[1] ?? null, position?.[2] ?? null, pageSize(args) + 1],
    );
    return toConnection(rows, args, eventKey, (row) => toEventView(row, viewer));
  }

  /**
   * Staff search, newest first, within a time range (which prunes partitions). An order or tracking number is
   * first resolved to its few shipment ids, so each partition is read through `(shipment_id, occurred_at)`:
   * left as a sub-select, the planner hashed it and scanned the whole time range of every partition.
   */
  async search(filter: EventSearch, viewer: JourneyDisclosure, args: ConnectionArgs) {
    const position = args.after ? decodeCursor(args.after, 3) : null;
    const conditions = ['e.occurred_at >= $1', 'e.occurred_at < $2'];
    const params: unknown[] = [filter.from, filter.to];
    const add = (sql: (n: number) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(params.length));
    };
    if (filter.orderId || filter.trackingNumber) {
      const shipmentIds = await this.shipmentIdsFor(filter.orderId, filter.trackingNumber);
      if (shipmentIds.length === 0) return toConnection([] as EventRow[], args, eventKey, (row) => toEventView(row, viewer));
      add((n) => `e.shipment_id = any($${n}::uuid[])`, shipmentIds);
    }
    if (filter.carrierId) add((n) => `e.carrier_id = $${n}`, filter.carrierId);
    if (filter.nodeId) add((n) => `e.node_id = $${n}`, filter.nodeId);
    if (filter.regions)
      add(
        (n) =>
          `exists (select 1 from ${S}.shipment sh join ${S}.tracked_order o on o.order_id = sh.order_id where sh.id = e.shipment_id and o.region = any($${n}::text[]))`,
        filter.regions,
      );
    if (position) {
      params.push(position[0], position[1], position[2]);
      conditions.push(`(e.occurred_at, e.carrier_id, e.event_id) < ($${params.length - 2}::timestamptz, $${params.length - 1}, $${params.length})`);
    }
    params.push(pageSize(args) + 1);
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from ${S}.tracking_event e where ${conditions.join(' and ')}
      order by e.occurred_at desc, e.carrier_id desc, e.event_id desc limit $${params.length}`,
      params,
    );
    return toConnection(rows, args, eventKey, (row) => toEventView(row, viewer));
  }

  private async shipmentIdsFor(orderId: string | undefined, trackingNumber: string | undefined): Promise<string[]> {
    const conditions: string[] = [];
    const params: string[] = [];
    if (orderId) conditions.push(`order_id = $${params.push(orderId)}`);
    if (trackingNumber) conditions.push(`tracking_number = $${params.push(trackingNumber)}`);
    const { rows } = await this.pool.query<{ id: string }>(`select id from ${S}.shipment where ${conditions.join(' and ')}`, params);
    return rows.map((row) => row.id);
  }
}

import type pg from 'pg';
import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueCoreCommands } from '@hub/shared/commands/command-outbox';
import { traceContextParameter } from '@hub/shared/telemetry/trace-context';
import type { OrderStatus } from '@hub/shared/messaging/contracts';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import type { NoticeIntent } from '@hub/shared/notices/notice-contracts';
import { applyEvents, type ShipmentProgress } from '../shipments/domain/shipment-progress.js';
import { planStepNotice, type CustomerTier } from '../notices/domain/notice-tiering.js';
import type { StoredEvent } from '../events/event-store.js';
import type { EventKind, NodeType } from '../events/domain/event-kinds.js';

const S = '"tracking"';

interface LockedShipment extends ShipmentProgress {
  id: string;
  orderId: string;
  carrierId: string;
  region: string | null;
  customerRef: string | null;
  tier: CustomerTier;
}

type TimeColumn = 'lastEventAt' | 'latestWarehouseAt' | 'latestTransportAt' | 'dwellDeadline';
type LockedRow = Omit<LockedShipment, TimeColumn> & Record<TimeColumn, number | null>;
/** `date_part` gives float8 seconds (`extract` gives numeric, several times dearer); rounding restores the exact milliseconds. */
const epochMs = (column: string) => `date_part('epoch', ${column}) * 1000`;
const toDate = (ms: number | null) => (ms === null ? null : new Date(Math.round(ms)));
const toMs = (at: Date | null) => (at === null ? null : at.getTime());

/**
 * Folds newly stored events into their shipments (inside the caller's transaction): position, milestones,
 * dwell deadline, an ETA re-check; queues each new milestone for core and each notice the customer's tier
 * calls for, with ids derived from the change so a replay queues nothing twice. Returns the orders touched.
 */
export async function applyStoredEvents(
  client: pg.PoolClient,
  em: EntityManager,
  events: readonly StoredEvent[],
  subjects: TrackingSubjects,
  now: Date,
): Promise<string[]> {
  if (events.length === 0) return [];
  const byShipment = new Map<string, StoredEvent[]>();
  for (const event of events) {
    const list = byShipment.get(event.shipmentId);
    if (list) list.push(event);
    else byShipment.set(event.shipmentId, [event]);
  }
  // Locked in id order so two batches touching the same shipments cannot deadlock. Times come as epoch
  // milliseconds: the driver's parsing of timestamp text into Dates was a good part of the fold's CPU.
  const { rows: locked } = await client.query<LockedRow>(
    `select sh.id, sh.order_id as "orderId", sh.carrier_id as "carrierId",
      ${epochMs('sh.last_event_at')} as "lastEventAt", sh.last_kind as "lastKind", sh.last_node_id as "lastNodeId", sh.last_node_type as "lastNodeType",
      sh.milestone_rank as "milestoneRank", ${epochMs('sh.latest_warehouse_at')} as "latestWarehouseAt",
      ${epochMs('sh.latest_transport_at')} as "latestTransportAt", sh.delivered, ${epochMs('sh.dwell_deadline')} as "dwellDeadline",
      o.region, o.customer_ref as "customerRef", coalesce(t.tier, 'ORDINARY') as tier
    from ${S}.shipment sh left join ${S}.tracked_order o on o.order_id = sh.order_id left join ${S}.customer_tier t on t.customer_ref = o.customer_ref
    where sh.id = any($1::uuid[]) order by sh.id for update of sh`,
    [[...byShipment.keys()]],
  );
  const rows: LockedShipment[] = locked.map((row) => ({
    ...row,
    lastEventAt: toDate(row.lastEventAt),
    latestWarehouseAt: toDate(row.latestWarehouseAt),
    latestTransportAt: toDate(row.latestTransportAt),
    dwellDeadline: toDate(row.dwellDeadline),
  }));

  const updates: Array<[string, ShipmentProgress, ShipmentProgress]> = [];
  const commands: Array<{ shipmentId: string; orderId: string; status: OrderStatus; occurredAt: Date; carrierId: string }> = [];
  const notices: Array<{ messageId: string; subject: string; payload: NoticeIntent }> = [];
  for (const shipment of rows) {
    const stored = byShipment.get(shipment.id) ?? [];
    const { progress, milestones } = applyEvents(
      shipment,
      stored.map((event) => ({
        eventKey: event.eventId,
        kind: event.kind as EventKind,
        occurredAt: event.occurredAt,
        nodeId: event.nodeId,
        nodeType: event.nodeType as NodeType | null,
      })),
    );
    updates.push([shipment.id, shipment, progress]);
    for (const milestone of milestones) {
      commands.push({
        shipmentId: shipment.id,
        orderId: shipment.orderId,
        status: milestone.status,
        occurredAt: milestone.occurredAt,
        carrierId: shipment.carrierId,
      });
    }
    if (!shipment.region || !shipment.customerRef) continue;
    for (const event of stored) {
      const plan = planStepNotice(shipment.tier, event.kind);
      if (!plan) continue;
      const noticeId = `JOURNEY_STEP:${shipment.id}:${event.carrierId}:${event.eventId}:${shipment.tier}`;
      notices.push({
        messageId: noticeId,
        subject: subjects.notices(shipment.region),
        payload: {
          type: 'notice.intent',
          noticeId,
          region: shipment.region,
          customerRef: shipment.customerRef,
          orderId: shipment.orderId,
          tier: shipment.tier,
          topic: plan.topic,
          step: event.kind,
          urgency: plan.urgency,
          occurredAt: event.occurredAt.toISOString(),
          ...(plan.includeLocation && event.nodeId ? { location: { nodeId: event.nodeId, latitude: event.latitude, longitude: event.longitude } } : {}),
        },
      });
    }
  }

  // One JSON document rather than an array parameter per column (the driver escapes arrays element by element),
  // times as epoch milliseconds (cheaper to write than Dates; `to_timestamp` gives them back exactly).
  const rowsJson = JSON.stringify(
    updates.map(([id, before, p]) => ({
      id,
      at: toMs(p.lastEventAt),
      kind: p.lastKind,
      node: p.lastNodeId,
      nodeType: p.lastNodeType,
      rank: p.milestoneRank,
      wh: toMs(p.latestWarehouseAt),
      tr: toMs(p.latestTransportAt),
      delivered: p.delivered,
      dwell: toMs(p.dwellDeadline),
      moved: toMs(p.lastEventAt) !== toMs(before.lastEventAt),
    })),
  );
  // Indexed columns keep their values unless they must change, so most of these updates are HOT (no index writes):
  // the dwell deadline is a lower bound (see `storedDwellDeadline`), the alert mark is cleared only when the parcel
  // moved, and the ETA re-check goes to the narrow `shipment_recheck` queue (kept at its earliest due time).
  await client.query(
    `with u as (
      select * from json_to_recordset($1::json) as u(id uuid, at float8, kind text, node text, "nodeType" text, rank int, wh float8, tr float8,
        delivered bool, dwell float8, moved bool)),
    queued as (insert into ${S}.shipment_recheck (shipment_id, due_at) select id, $2 from u where not delivered on conflict do nothing)
    update ${S}.shipment sh set last_event_at = to_timestamp(u.at / 1e3), last_kind = u.kind, last_node_id = u.node,
      last_node_type = u."nodeType", milestone_rank = u.rank, latest_warehouse_at = to_timestamp(u.wh / 1e3),
      latest_transport_at = to_timestamp(u.tr / 1e3), delivered = u.delivered, dwell_deadline = to_timestamp(u.dwell / 1e3),
      dwell_alerted_at = case when u.moved then null else sh.dwell_alerted_at end,
      check_due_at = case when u.delivered then null else sh.check_due_at end
    from u where sh.id = u.id`,
    [rowsJson, now],
  );
  // In the order the shipments reached them: the outbox numbers them per order and the relay sends them in that order.
  await enqueueCoreCommands(
    em,
    commands.map((command) => ({
      commandId: milestoneCommandId(command.orderId, command.status),
      orderId: command.orderId,
      kind: 'order.transition' as const,
      purpose: MILESTONE_PURPOSE,
      localRef: command.shipmentId,
      body: { to: command.status, occurredAt: command.occurredAt.toISOString(), actor: { type: 'carrier', id: command.carrierId }, note: 'carrier event' },
    })),
  );
  await enqueueNotices(client, notices, now);
  return [...new Set(rows.map((row) => row.orderId))];
}

/** The command purpose of a milestone reported to core (the relay records core's verdict on the command itself). */
export const MILESTONE_PURPOSE = 'tracking.milestone';

/** One command per order and status: a replayed event, or a second parcel of the order reaching it, queues nothing new. */
export const milestoneCommandId = (orderId: string, status: OrderStatus) => `tracking:${orderId}:${status}`;

/** Queues notice intents in the caller's transaction; the outbox relay publishes them after commit. */
export async function enqueueNotices(
  client: pg.PoolClient | pg.Pool,
  notices: ReadonlyArray<{ messageId: string; subject: string; payload: NoticeIntent }>,
  now: Date,
): Promise<void> {
  if (notices.length === 0) return;
  await client.query(
    `insert into ${S}.outbox_event (message_id, subject, payload, created_at, trace_context)
    select m, s, p, $2, $3::jsonb from jsonb_to_recordset($1::jsonb) as u(m text, s text, p jsonb) on conflict (message_id) do nothing`,
    // One JSON document: an array of JSON texts would be escaped again, element by element, by the driver. As jsonb,
    // PostgreSQL parses each payload once (`json_to_recordset` would parse it again into its jsonb column).
    [JSON.stringify(notices.map((n) => ({ m: n.messageId, s: n.subject, p: n.payload }))), now, traceContextParameter()],
  );
}

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
  // Locked in id order so two batches touching the same shipments cannot deadlock.
  const { rows } = await client.query<LockedShipment>(
    `select sh.id, sh.order_id as "orderId", sh.carrier_id as "carrierId",
      sh.last_event_at as "lastEventAt", sh.last_kind as "lastKind", sh.last_node_id as "lastNodeId", sh.last_node_type as "lastNodeType",
      sh.milestone_rank as "milestoneRank", sh.latest_warehouse_at as "latestWarehouseAt", sh.latest_transport_at as "latestTransportAt",
      sh.delivered, sh.dwell_deadline as "dwellDeadline", o.region, o.customer_ref as "customerRef", coalesce(t.tier, 'ORDINARY') as tier
    from ${S}.shipment sh left join ${S}.tracked_order o on o.order_id = sh.order_id left join ${S}.customer_tier t on t.customer_ref = o.customer_ref
    where sh.id = any($1::uuid[]) order by sh.id for update of sh`,
    [[...byShipment.keys()]],
  );

  const updates: Array<[string, ShipmentProgress]> = [];
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
    updates.push([shipment.id, progress]);
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

  const column = <T>(pick: (progress: ShipmentProgress) => T) => updates.map(([, progress]) => pick(progress));
  await client.query(
    `update ${S}.shipment sh set last_event_at = u.last_event_at, last_kind = u.last_kind, last_node_id = u.last_node_id,
      last_node_type = u.last_node_type, milestone_rank = u.milestone_rank, latest_warehouse_at = u.latest_warehouse_at,
      latest_transport_at = u.latest_transport_at, delivered = u.delivered, dwell_deadline = u.dwell_deadline,
      dwell_alerted_at = case when u.last_event_at is distinct from sh.last_event_at then null else sh.dwell_alerted_at end,
      check_due_at = case when u.delivered then null else $11::timestamptz end
    from unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::int[], $7::timestamptz[], $8::timestamptz[], $9::bool[], $10::timestamptz[])
      as u(id, last_event_at, last_kind, last_node_id, last_node_type, milestone_rank, latest_warehouse_at, latest_transport_at, delivered, dwell_deadline)
    where sh.id = u.id`,
    [
      updates.map(([id]) => id),
      column((p) => p.lastEventAt),
      column((p) => p.lastKind),
      column((p) => p.lastNodeId),
      column((p) => p.lastNodeType),
      column((p) => p.milestoneRank),
      column((p) => p.latestWarehouseAt),
      column((p) => p.latestTransportAt),
      column((p) => p.delivered),
      column((p) => p.dwellDeadline),
      now,
    ],
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
    select m, s, p, $4, $5::jsonb from unnest($1::text[], $2::text[], $3::jsonb[]) as u(m, s, p) on conflict (message_id) do nothing`,
    [notices.map((n) => n.messageId), notices.map((n) => n.subject), notices.map((n) => JSON.stringify(n.payload)), now, traceContextParameter()],
  );
}

import type pg from 'pg';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import type { NoticeIntent } from '@hub/shared/notices/notice-contracts';
import { predictEta, type Disruption, type Leg, type LaneHistory } from '../eta/domain/eta.model.js';
import { assessDelay, proposeAlternatives } from '../eta/domain/delay-warning.rules.js';
import { planDelayNotice, type CustomerTier } from '../notices/domain/notice-tiering.js';
import { enqueueNotices } from '../journey/journey-progress.store.js';
import { openTasks, type OpenTaskInput } from '../tasks/task.store.js';
import { inTransaction } from '../persistence/transaction.js';

interface DueShipment {
  id: string;
  order_id: string;
  promised_by: Date | null;
  route: string[];
  last_event_at: Date | null;
  last_node_id: string | null;
  last_kind: string | null;
  late: boolean;
  delivered: boolean;
  region: string | null;
  customer_ref: string | null;
  tier: CustomerTier;
}

type NoticeRow = { messageId: string; subject: string; payload: NoticeIntent };

/** How soon an ETA is looked at again without news: disruptions and the clock move it too. */
const RECHECK_MS = 15 * 60_000;

/** The legs still ahead: from the node the parcel was last seen at (or the origin) to the end of its route. */
export function remainingLegs(route: readonly string[], lastNodeId: string | null): Leg[] {
  const position = lastNodeId ? route.indexOf(lastNodeId) : -1;
  const ahead = route.slice(Math.max(position, 0));
  return ahead.slice(1).map((to, index) => ({ from: ahead[index]!, to }));
}

export async function loadEtaInputs(pool: pg.Pool, now: Date): Promise<{ history: LaneHistory; disruptions: Disruption[] }> {
  const [history, disruptions] = await Promise.all([
    pool.query<{ lane: string; hour: number; median_hours: number }>(`select lane, hour, median_hours from "tracking".lane_history`),
    pool.query<{ id: string; kind: Disruption['kind']; lane: string | null; node: string | null; factor: number; starts_at: Date; ends_at: Date }>(
      `select id, kind, lane, node, factor, starts_at, ends_at from "tracking".disruption where ends_at > $1`,
      [now],
    ),
  ]);
  const lanes = new Map<string, Array<number | undefined>>();
  for (const row of history.rows) {
    const hours = lanes.get(row.lane) ?? new Array<number | undefined>(24).fill(undefined);
    hours[row.hour] = row.median_hours;
    lanes.set(row.lane, hours);
  }
  return {
    history: lanes,
    disruptions: disruptions.rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      factor: row.factor,
      from: row.starts_at,
      until: row.ends_at,
      ...(row.lane ? { lane: row.lane } : {}),
      ...(row.node ? { node: row.node } : {}),
    })),
  };
}

/**
 * One bounded pass of ETA checks: shipments whose check is due, oldest first, claimed with SKIP LOCKED so
 * several instances share the work: after an event (queued in `shipment_recheck`, so the event's update of the
 * shipment stays HOT), a disruption or registration, or the periodic re-check (`check_due_at`). A shipment
 * newly predicted to miss its promise opens one DELAY task (with alternatives) and one notice.
 */
export async function sweepDelays(
  pool: pg.Pool,
  subjects: TrackingSubjects,
  options: { now: Date; batch: number; defaultLegHours: number },
): Promise<{ checked: number; warned: number }> {
  const { now } = options;
  const inputs = await loadEtaInputs(pool, now);
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<DueShipment>(
      `with queued as (
        select shipment_id as id, due_at from "tracking".shipment_recheck where due_at <= $1 order by due_at limit $2 for update skip locked),
      periodic as (
        select id, check_due_at as due_at from "tracking".shipment where check_due_at <= $1 and not delivered and check_due_at is not null
        order by check_due_at limit $2 for update skip locked),
      due as (select id from (select * from queued union all select * from periodic) d order by due_at limit $2)
      select sh.id, sh.order_id, sh.promised_by, sh.route, sh.last_event_at, sh.last_node_id, sh.last_kind, sh.late, sh.delivered,
        o.region, o.customer_ref, coalesce(t.tier, 'ORDINARY') as tier
      from "tracking".shipment sh left join "tracking".tracked_order o on o.order_id = sh.order_id left join "tracking".customer_tier t on t.customer_ref = o.customer_ref
      where sh.id in (select id from due) for update of sh skip locked`,
      [now, options.batch],
    );
    // Decided in memory, written set-wise: one statement per kind of write for the whole pass, not per parcel.
    const unchecked: string[] = [];
    const checked: Array<{ id: string; eta: Date; late: boolean }> = [];
    const warnings: Array<{ task: OpenTaskInput; notice: (() => NoticeRow) | null }> = [];
    for (const shipment of rows) {
      // Queued before the parcel was delivered: nothing left to predict.
      if (shipment.delivered || !shipment.promised_by || shipment.route.length < 2) {
        unchecked.push(shipment.id);
        continue;
      }
      const promisedBy = shipment.promised_by;
      const legs = remainingLegs(shipment.route, shipment.last_node_id);
      const { eta, causes } = predictEta({
        now,
        lastEventAt: shipment.last_event_at,
        remainingLegs: legs,
        history: inputs.history,
        disruptions: inputs.disruptions,
        defaultLegHours: options.defaultLegHours,
      });
      const delay = assessDelay(eta, promisedBy, now);
      checked.push({ id: shipment.id, eta, late: delay.late });
      const region = shipment.region;
      if (!delay.late || !region) continue;
      const alternatives = proposeAlternatives({
        lateByMs: delay.lateByMs,
        remainingLegs: legs,
        causes,
        outForDelivery: shipment.last_kind === 'OUT_FOR_DELIVERY',
      });
      const customerRef = shipment.customer_ref;
      warnings.push({
        task: {
          dedupeKey: `DELAY:${shipment.id}:${promisedBy.toISOString()}`,
          kind: 'DELAY',
          shipmentId: shipment.id,
          orderId: shipment.order_id,
          region,
          nodeId: shipment.last_node_id,
          now,
          details: {
            eta: eta.toISOString(),
            promisedBy: promisedBy.toISOString(),
            lateByMinutes: Math.round(delay.lateByMs / 60_000),
            leadMinutes: Math.round(delay.leadMs / 60_000),
            shortNotice: delay.shortNotice,
            alternatives,
            causes: causes.map((cause) => ({ id: cause.id, kind: cause.kind, lane: cause.lane ?? null, node: cause.node ?? null, factor: cause.factor })),
          },
        },
        notice: customerRef
          ? () => {
              const plan = planDelayNotice(shipment.tier);
              const noticeId = `DELAY_WARNING:${shipment.id}:${promisedBy.toISOString()}:${shipment.tier}`;
              return {
                messageId: noticeId,
                subject: subjects.notices(region),
                payload: {
                  type: 'notice.intent',
                  noticeId,
                  region,
                  customerRef,
                  orderId: shipment.order_id,
                  tier: shipment.tier,
                  topic: plan.topic,
                  eta: eta.toISOString(),
                  urgency: plan.urgency,
                  occurredAt: now.toISOString(),
                  ...(plan.includeLocation && shipment.last_node_id ? { location: { nodeId: shipment.last_node_id, latitude: null, longitude: null } } : {}),
                },
              };
            }
          : null,
      });
    }
    // These shipments are locked by this pass: an event folded meanwhile waits for the commit, then queues again.
    await client.query(`delete from "tracking".shipment_recheck where shipment_id = any($1::uuid[])`, [rows.map((row) => row.id)]);
    if (unchecked.length > 0) await client.query(`update "tracking".shipment set check_due_at = null where id = any($1::uuid[])`, [unchecked]);
    if (checked.length > 0)
      await client.query(
        `update "tracking".shipment sh set eta = u.eta, eta_at = $4, late = u.late, check_due_at = $5
          from unnest($1::uuid[], $2::timestamptz[], $3::bool[]) as u(id, eta, late) where sh.id = u.id`,
        [checked.map((c) => c.id), checked.map((c) => c.eta), checked.map((c) => c.late), now, new Date(now.getTime() + RECHECK_MS)],
      );
    const opened = await openTasks(
      client,
      warnings.map((warning) => warning.task),
    );
    const warned = warnings.filter((warning) => opened.has(warning.task.dedupeKey));
    await enqueueNotices(
      client,
      warned.flatMap((warning) => (warning.notice ? [warning.notice()] : [])),
      now,
    );
    return { checked: rows.length, warned: warned.length };
  });
}

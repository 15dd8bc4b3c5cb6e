import type pg from 'pg';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import { predictEta, type Disruption, type Leg, type LaneHistory } from '../eta/domain/eta.model.js';
import { assessDelay, proposeAlternatives } from '../eta/domain/delay-warning.rules.js';
import { planDelayNotice, type CustomerTier } from '../notices/domain/notice-tiering.js';
import { enqueueNotices } from '../journey/journey-progress.store.js';
import { openTask } from '../tasks/task.store.js';
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
  region: string | null;
  customer_ref: string | null;
  tier: CustomerTier;
}

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
 * One bounded pass of ETA checks: shipments whose check is due (after an event, a disruption, or the
 * periodic re-check), oldest first, claimed with SKIP LOCKED so several instances share the work. A
 * shipment newly predicted to miss its promise opens one DELAY task (with alternatives) and one notice.
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
      `select sh.id, sh.order_id, sh.promised_by, sh.route, sh.last_event_at, sh.last_node_id, sh.last_kind, sh.late,
        o.region, o.customer_ref, coalesce(t.tier, 'ORDINARY') as tier
      from "tracking".shipment sh left join "tracking".tracked_order o on o.order_id = sh.order_id left join "tracking".customer_tier t on t.customer_ref = o.customer_ref
      where sh.check_due_at <= $1 and not sh.delivered and sh.check_due_at is not null
      order by sh.check_due_at limit $2 for update of sh skip locked`,
      [now, options.batch],
    );
    let warned = 0;
    for (const shipment of rows) {
      if (!shipment.promised_by || shipment.route.length < 2) {
        await client.query(`update "tracking".shipment set check_due_at = null where id = $1`, [shipment.id]);
        continue;
      }
      const legs = remainingLegs(shipment.route, shipment.last_node_id);
      const { eta, causes } = predictEta({
        now,
        lastEventAt: shipment.last_event_at,
        remainingLegs: legs,
        history: inputs.history,
        disruptions: inputs.disruptions,
        defaultLegHours: options.defaultLegHours,
      });
      const delay = assessDelay(eta, shipment.promised_by, now);
      await client.query(`update "tracking".shipment set eta = $2, eta_at = $3, late = $4, check_due_at = $5 where id = $1`, [
        shipment.id,
        eta,
        now,
        delay.late,
        new Date(now.getTime() + RECHECK_MS),
      ]);
      if (!delay.late || !shipment.region) continue;
      const alternatives = proposeAlternatives({
        lateByMs: delay.lateByMs,
        remainingLegs: legs,
        causes,
        outForDelivery: shipment.last_kind === 'OUT_FOR_DELIVERY',
      });
      const opened = await openTask(client, {
        dedupeKey: `DELAY:${shipment.id}:${shipment.promised_by.toISOString()}`,
        kind: 'DELAY',
        shipmentId: shipment.id,
        orderId: shipment.order_id,
        region: shipment.region,
        nodeId: shipment.last_node_id,
        now,
        details: {
          eta: eta.toISOString(),
          promisedBy: shipment.promised_by.toISOString(),
          lateByMinutes: Math.round(delay.lateByMs / 60_000),
          leadMinutes: Math.round(delay.leadMs / 60_000),
          shortNotice: delay.shortNotice,
          alternatives,
          causes: causes.map((cause) => ({ id: cause.id, kind: cause.kind, lane: cause.lane ?? null, node: cause.node ?? null, factor: cause.factor })),
        },
      });
      if (!opened) continue;
      warned += 1;
      if (!shipment.customer_ref) continue;
      const plan = planDelayNotice(shipment.tier);
      const noticeId = `DELAY_WARNING:${shipment.id}:${shipment.promised_by.toISOString()}:${shipment.tier}`;
      await enqueueNotices(
        client,
        [
          {
            messageId: noticeId,
            subject: subjects.notices(shipment.region),
            payload: {
              type: 'notice.intent',
              noticeId,
              region: shipment.region,
              customerRef: shipment.customer_ref,
              orderId: shipment.order_id,
              tier: shipment.tier,
              topic: plan.topic,
              eta: eta.toISOString(),
              urgency: plan.urgency,
              occurredAt: now.toISOString(),
              ...(plan.includeLocation && shipment.last_node_id ? { location: { nodeId: shipment.last_node_id, latitude: null, longitude: null } } : {}),
            },
          },
        ],
        now,
      );
    }
    return { checked: rows.length, warned };
  });
}

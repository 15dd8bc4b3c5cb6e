import type pg from 'pg';
import { dwellAtBound, dwellThresholdMs, MAX_ESCALATION_LEVEL, TASK_ACK_SLA_MS } from '../dwell/domain/dwell.rules.js';
import type { NodeType } from '../events/domain/event-kinds.js';
import { applyTaskAction } from '../tasks/domain/task.rules.js';
import { openTasks, recordTaskAction, TASK_COLUMNS, type TaskRow } from '../tasks/task.store.js';
import { inTransaction } from '../persistence/transaction.js';

/**
 * One bounded pass: parcels idle past their node's threshold (partial index on the deadline) open a DWELL
 * task for the node's staff, once per stay at a node; the next event at the parcel clears the alert mark.
 * The stored deadline is only a lower bound (events leave it alone so their updates stay HOT): a parcel seen
 * since it was set gets its true deadline stored instead of an alert.
 */
export async function sweepDwell(pool: pg.Pool, options: { now: Date; batch: number }): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      id: string;
      order_id: string;
      last_node_id: string | null;
      last_node_type: NodeType | null;
      last_event_at: Date;
      region: string | null;
    }>(
      `select sh.id, sh.order_id, sh.last_node_id, sh.last_node_type, sh.last_event_at, o.region
         from "tracking".shipment sh left join "tracking".tracked_order o on o.order_id = sh.order_id
        where sh.dwell_deadline <= $1 and not sh.delivered and sh.dwell_deadline is not null and sh.dwell_alerted_at is null
        order by sh.dwell_deadline limit $2 for update of sh skip locked`,
      [options.now, options.batch],
    );
    if (rows.length === 0) return 0;
    const due: typeof rows = [];
    const pushed: Array<{ id: string; deadline: Date }> = [];
    for (const row of rows) {
      const check = dwellAtBound(row.last_event_at, row.last_node_type, options.now);
      if (check.due) due.push(row);
      else pushed.push({ id: row.id, deadline: check.deadline });
    }
    // One statement each for the pushed bounds and the marks, and two for the tasks, whatever the pass's size.
    if (pushed.length > 0)
      await client.query(`update "tracking".shipment sh set dwell_deadline = u.d from unnest($1::uuid[], $2::timestamptz[]) as u(id, d) where sh.id = u.id`, [
        pushed.map((p) => p.id),
        pushed.map((p) => p.deadline),
      ]);
    if (due.length === 0) return 0;
    await client.query(`update "tracking".shipment set dwell_alerted_at = $2 where id = any($1::uuid[])`, [due.map((row) => row.id), options.now]);
    const tasks = due.flatMap((shipment) =>
      shipment.region
        ? [
            {
              dedupeKey: `DWELL:${shipment.id}:${shipment.last_event_at.toISOString()}`,
              kind: 'DWELL' as const,
              shipmentId: shipment.id,
              orderId: shipment.order_id,
              region: shipment.region,
              nodeId: shipment.last_node_id,
              now: options.now,
              details: {
                nodeType: shipment.last_node_type,
                idleMinutes: Math.round((options.now.getTime() - shipment.last_event_at.getTime()) / 60_000),
                thresholdMinutes: dwellThresholdMs(shipment.last_node_type) / 60_000,
                since: shipment.last_event_at.toISOString(),
              },
            },
          ]
        : [],
    );
    const opened = (await openTasks(client, tasks)).size;
    return opened;
  });
}

/** Tasks nobody acknowledged in time move up one level (node lead, then regional operations), each step audited. */
export async function escalateOverdueTasks(pool: pg.Pool, options: { now: Date; batch: number }): Promise<number> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<TaskRow>(
      `select ${TASK_COLUMNS} from "tracking".task
      where due_at <= $1 and state in ('OPEN', 'ASSIGNED') and escalation_level < $3 order by due_at limit $2 for update skip locked`,
      [options.now, options.batch, MAX_ESCALATION_LEVEL],
    );
    for (const task of rows) {
      const next = applyTaskAction({ state: task.state, assignee: task.assignee, escalationLevel: task.escalation_level }, 'ESCALATE', 'tracking');
      await client.query(`update "tracking".task set escalation_level = $2, due_at = $3, version = version + 1 where id = $1`, [
        task.id,
        next.escalationLevel,
        new Date(options.now.getTime() + TASK_ACK_SLA_MS[task.kind]),
      ]);
      await recordTaskAction(client, task.id, 'ESCALATE', { type: 'system', id: 'tracking' }, null, `escalated to level ${next.escalationLevel}`, options.now);
    }
    return rows.length;
  });
}

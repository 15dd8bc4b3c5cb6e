import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { TASK_ACK_SLA_MS } from '../dwell/domain/dwell.rules.js';
import type { TaskAction, TaskKind, TaskState } from './domain/task.rules.js';

export interface TaskRow {
  id: string;
  kind: TaskKind;
  state: TaskState;
  shipment_id: string;
  order_id: string;
  region: string;
  node_id: string | null;
  assignee: string | null;
  escalation_level: number;
  due_at: Date;
  details: Record<string, unknown>;
  opened_at: Date;
  resolved_at: Date | null;
  version: number;
}

export interface OpenTaskInput {
  dedupeKey: string;
  kind: TaskKind;
  shipmentId: string;
  orderId: string;
  region: string;
  nodeId: string | null;
  details: Record<string, unknown>;
  now: Date;
}

/** Opens a task once per problem (the dedupe key names it), with its opening in the audit trail. Returns whether it was new. */
export async function openTask(client: pg.PoolClient, input: OpenTaskInput): Promise<boolean> {
  const id = randomUUID();
  const { rowCount } = await client.query(
    `insert into "tracking".task (id, dedupe_key, kind, state, shipment_id, order_id, region, node_id, due_at, details, opened_at)
    values ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9, $10) on conflict (dedupe_key) do nothing`,
    [
      id,
      input.dedupeKey,
      input.kind,
      input.shipmentId,
      input.orderId,
      input.region,
      input.nodeId,
      new Date(input.now.getTime() + TASK_ACK_SLA_MS[input.kind]),
      input.details,
      input.now,
    ],
  );
  if (!rowCount) return false;
  await recordTaskAction(client, id, 'OPEN', { type: 'system', id: 'tracking' }, null, null, input.now);
  return true;
}

export async function recordTaskAction(
  client: pg.PoolClient,
  taskId: string,
  action: TaskAction | 'OPEN',
  actor: { type: string; id: string },
  assignee: string | null,
  note: string | null,
  at: Date,
): Promise<void> {
  await client.query(`insert into "tracking".task_action (task_id, action, actor_type, actor_id, assignee, note, at) values ($1, $2, $3, $4, $5, $6, $7)`, [
    taskId,
    action,
    actor.type,
    actor.id,
    assignee,
    note,
    at,
  ]);
}

export const TASK_COLUMNS = `id, kind, state, shipment_id, order_id, region, node_id, assignee, escalation_level, due_at, details, opened_at, resolved_at, version`;

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
  return (await openTasks(client, [input])).has(input.dedupeKey);
}

/**
 * `openTask` for a sweep's whole pass in two statements (tasks, then the audit rows of those that were new),
 * since one round trip per parcel made a pass of hundreds take seconds. Returns the dedupe keys opened now.
 */
export async function openTasks(client: pg.PoolClient, inputs: readonly OpenTaskInput[]): Promise<Set<string>> {
  if (inputs.length === 0) return new Set();
  const column = <T>(pick: (input: OpenTaskInput) => T) => inputs.map(pick);
  const { rows } = await client.query<{ id: string; dedupe_key: string; opened_at: Date }>(
    `insert into "tracking".task (id, dedupe_key, kind, state, shipment_id, order_id, region, node_id, due_at, details, opened_at)
    select id, dedupe_key, kind, 'OPEN', shipment_id, order_id, region, node_id, due_at, details, opened_at
      from unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::jsonb[], $10::timestamptz[])
        as t(id, dedupe_key, kind, shipment_id, order_id, region, node_id, due_at, details, opened_at)
    on conflict (dedupe_key) do nothing returning id, dedupe_key, opened_at`,
    [
      column(() => randomUUID()),
      column((input) => input.dedupeKey),
      column((input) => input.kind),
      column((input) => input.shipmentId),
      column((input) => input.orderId),
      column((input) => input.region),
      column((input) => input.nodeId),
      column((input) => new Date(input.now.getTime() + TASK_ACK_SLA_MS[input.kind])),
      column((input) => JSON.stringify(input.details)),
      column((input) => input.now),
    ],
  );
  if (rows.length > 0)
    await client.query(
      `insert into "tracking".task_action (task_id, action, actor_type, actor_id, assignee, note, at)
      select id, 'OPEN', 'system', 'tracking', null, null, at from unnest($1::uuid[], $2::timestamptz[]) as a(id, at)`,
      [rows.map((row) => row.id), rows.map((row) => row.opened_at)],
    );
  return new Set(rows.map((row) => row.dedupe_key));
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

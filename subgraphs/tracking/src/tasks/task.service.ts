import type pg from 'pg';
import type { Principal } from '@hub/shared/auth/principal';
import { actorOf } from '@hub/shared/auth/principal';
import { readableRegions } from '@hub/shared/auth/access';
import { applyTaskAction, TaskTransitionError, type TaskAction } from './domain/task.rules.js';
import { recordTaskAction, TASK_COLUMNS, type TaskRow } from './task.store.js';
import { inTransaction } from '../persistence/transaction.js';
import { decodeCursor, pageSize, toConnection, type ConnectionArgs } from '@hub/shared/graphql/connection';
import type { UserError } from '@hub/shared/graphql/user-error';
import type { TrackingTaskActionView, TrackingTaskView } from '../graphql/tracking.types.js';
import { userError } from '../graphql/user-errors.js';

export const toTaskView = (row: TaskRow): TrackingTaskView => ({
  id: row.id,
  kind: row.kind,
  state: row.state,
  shipmentId: row.shipment_id,
  orderId: row.order_id,
  region: row.region,
  nodeId: row.node_id,
  assignee: row.assignee,
  escalationLevel: row.escalation_level,
  dueAt: row.due_at,
  openedAt: row.opened_at,
  resolvedAt: row.resolved_at,
  alternatives: Array.isArray(row.details.alternatives) ? (row.details.alternatives as string[]) : [],
  details: row.details,
  version: row.version,
});

export interface TaskFilter {
  region?: string | undefined;
  state?: string | undefined;
  kind?: string | undefined;
  nodeId?: string | undefined;
}

/** The inbox of delay and dwell tasks: listing in the caller's regions, and audited actions with optimistic locking. */
export class TaskService {
  constructor(private readonly pool: pg.Pool) {}

  async list(principal: Principal, filter: TaskFilter, args: ConnectionArgs) {
    const position = args.after ? decodeCursor(args.after, 2) : null;
    const regions = readableRegions(principal);
    const { rows } = await this.pool.query<TaskRow>(
      `select ${TASK_COLUMNS} from "tracking".task
      where ($1::text is null or region = $1) and ($2::text[] is null or region = any($2)) and ($3::text is null or state = $3)
        and ($4::text is null or kind = $4) and ($5::text is null or node_id = $5)
        and ($6::timestamptz is null or (opened_at, id) < ($6::timestamptz, $7::uuid))
      order by opened_at desc, id desc limit $8`,
      [
        filter.region ?? null,
        regions ?? null,
        filter.state ?? null,
        filter.kind ?? null,
        filter.nodeId ?? null,
        position?.[0] ?? null,
        position?.[1] ?? null,
        pageSize(args) + 1,
      ],
    );
    return toConnection(rows, args, (row) => [row.opened_at.toISOString(), row.id], toTaskView);
  }

  async actions(taskId: string): Promise<TrackingTaskActionView[]> {
    const { rows } = await this.pool.query<{
      id: string;
      action: string;
      actor_type: string;
      actor_id: string;
      assignee: string | null;
      note: string | null;
      at: Date;
    }>(`select id, action, actor_type, actor_id, assignee, note, at from "tracking".task_action where task_id = $1 order by id`, [taskId]);
    return rows.map((row) => ({
      id: row.id,
      action: row.action,
      actorType: row.actor_type,
      actorId: row.actor_id,
      assignee: row.assignee,
      note: row.note,
      at: row.at,
    }));
  }

  /** One action on one task, in one transaction with its audit row; refusals come back as user errors. */
  async act(
    principal: Principal,
    input: { taskId: string; action: TaskAction; assignee?: string | undefined; expectedVersion?: number | undefined; note?: string | undefined },
  ): Promise<{ task: TrackingTaskView | null; userErrors: UserError[] }> {
    if (!/^[0-9a-f-]{36}$/i.test(input.taskId)) return { task: null, userErrors: [userError('INVALID', 'taskId is not a task id', ['input', 'taskId'])] };
    if (input.assignee !== undefined && !/^[A-Za-z0-9._:@-]{1,200}$/.test(input.assignee))
      return { task: null, userErrors: [userError('INVALID', 'assignee must be a staff id', ['input', 'assignee'])] };
    const now = new Date();
    return inTransaction(this.pool, async (client) => {
      const { rows } = await client.query<TaskRow>(`select ${TASK_COLUMNS} from "tracking".task where id = $1 for update`, [input.taskId]);
      const task = rows[0];
      const regions = readableRegions(principal);
      if (!task || (regions && !regions.includes(task.region)))
        return { task: null, userErrors: [userError('NOT_FOUND', 'No such task in your regions', ['input', 'taskId'])] };
      if (input.expectedVersion !== undefined && input.expectedVersion !== task.version) {
        return { task: null, userErrors: [userError('CONFLICT', 'The task changed since you loaded it', ['input', 'expectedVersion'])] };
      }
      const actor = actorOf(principal);
      let next;
      try {
        next = applyTaskAction({ state: task.state, assignee: task.assignee, escalationLevel: task.escalation_level }, input.action, actor.id, input.assignee);
      } catch (error) {
        if (!(error instanceof TaskTransitionError)) throw error;
        const code = error.reason === 'INVALID_TASK_ACTION' ? 'CONFLICT' : error.reason === 'NOT_ASSIGNEE' ? 'TASK_NOT_ASSIGNEE' : 'TASK_CLOSED';
        return {
          task: null,
          userErrors: [userError(code, error.message, ['input', error.reason === 'INVALID_TASK_ACTION' && input.action === 'ASSIGN' ? 'assignee' : 'taskId'])],
        };
      }
      const { rows: updated } = await client.query<TaskRow>(
        `update "tracking".task set state = $2, assignee = $3, resolved_at = $4, version = version + 1
        where id = $1 returning ${TASK_COLUMNS}`,
        [task.id, next.state, next.assignee, next.state === 'RESOLVED' ? now : null],
      );
      await recordTaskAction(client, task.id, input.action, actor, input.assignee ?? null, input.note?.slice(0, 500) ?? null, now);
      return { task: toTaskView(updated[0]!), userErrors: [] };
    });
  }
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { NodeStatus } from '../allocation/domain/allocation.types.js';
import { enqueueEvents, type Actor } from '../allocation/plan-writer.js';
import type { FulfilmentSubjects } from '../messaging/fulfilment-subjects.js';
import { query } from '../persistence/sql.js';
import { refuse } from '../user-error.js';
import type { JobRow, ReallocationService } from './reallocation.service.js';
import { loadNodeRows, type NodeRow } from './node.repository.js';

export interface NodeStatusChange {
  node: NodeRow;
  job: JobRow | null;
}

/**
 * Node status changes. Marking a node DOWN records the reason and actor and creates the re-allocation job in
 * the same transaction, so the job exists exactly when the node is down; the job then runs after the commit.
 */
export class NodeService {
  constructor(
    private readonly orm: MikroORM,
    private readonly reallocation: ReallocationService,
    private readonly subjects: FulfilmentSubjects,
    private readonly onEventsQueued: () => void,
  ) {}

  async setStatus(nodeId: string, status: NodeStatus, reason: string, actor: Actor, expectedVersion?: number): Promise<NodeStatusChange> {
    if (reason.trim().length === 0 || reason.length > 500) throw refuse('INVALID', ['input', 'reason'], 'A reason of 1 to 500 characters is required');
    const result = await this.orm.em.fork().transactional(async (em) => {
      const [node] = await query<NodeRow>(em, `select * from node where id = ? for update`, [nodeId]);
      if (!node) throw refuse('NOT_FOUND', ['input', 'nodeId'], 'No such node');
      if (expectedVersion !== undefined && node.version !== expectedVersion)
        throw refuse('CONFLICT', ['input', 'expectedVersion'], 'The node changed since it was read');
      if (node.status === status) throw refuse('NODE_ALREADY_IN_STATUS', ['input', 'status'], `The node is already ${status}`);
      const now = new Date();
      await query(em, `update node set status = ?, status_reason = ?, status_changed_at = ?, status_changed_by = ?, version = version + 1 where id = ?`, [
        status,
        reason,
        now,
        actor.id,
        nodeId,
      ]);
      let job: JobRow | null = null;
      if (status === 'DOWN') {
        const [affected] = await query<{ count: number }>(
          em,
          `select count(distinct order_id)::int as count from shipment where node_id = ? and state in ('ALLOCATED', 'PICKED', 'PACKED')`,
          [nodeId],
        );
        [job] = (await query<JobRow>(
          em,
          `insert into reallocation_job (id, node_id, reason, actor_type, actor_id, state, affected, started_at) values (?, ?, ?, ?, ?, 'RUNNING', ?, ?) returning *`,
          [randomUUID(), nodeId, reason, actor.type, actor.id, affected!.count, now],
        )) as [JobRow];
      }
      await enqueueEvents(
        em,
        [
          {
            subject: this.subjects.nodeStatusChanged(nodeId),
            messageId: `fulfilment.node-status:${nodeId}:${node.version + 1}`,
            payload: {
              type: 'fulfilment.node-status-changed',
              version: 1,
              nodeId,
              from: node.status,
              to: status,
              reason,
              actor,
              occurredAt: now.toISOString(),
            },
          },
        ],
        now,
      );
      const [updated] = await loadNodeRows(em, { ids: [nodeId] });
      return { node: updated!, job };
    });
    this.onEventsQueued();
    return result;
  }

  /** Starts the job after its commit (never inside the status change's transaction). */
  startJob(job: JobRow): Promise<JobRow> {
    return this.reallocation.run(job.id);
  }
}

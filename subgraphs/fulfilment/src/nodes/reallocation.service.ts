import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { enqueueCoreCommands } from '@hub/shared/commands/command-outbox';
import type { Logger } from '@hub/shared/logger';
import { loadOrdersToAllocate, type AllocationService } from '../allocation/allocation.service.js';
import type { Actor } from '../allocation/plan-writer.js';
import { holdConsolidatedShipments } from '../consolidation/consolidation.service.js';
import type { FulfilmentSubjects } from '../messaging/fulfilment-subjects.js';
import { releaseOpenShipments } from '../orders/stock-effects.js';
import { query } from '../persistence/sql.js';
import { reallocationNotes } from './reallocation-notes.js';

const MAX_CONFLICT_RETRIES = 5;
const LOCK_CONFLICT_STATES = new Set(['40P01', '40001']);

/** A deadlock or serialization failure (PostgreSQL aborted the transaction; running it again is safe). */
export function isLockConflict(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    const { code, sqlState } = cause as Error & { code?: unknown; sqlState?: unknown };
    if (LOCK_CONFLICT_STATES.has(String(code)) || LOCK_CONFLICT_STATES.has(String(sqlState))) return true;
  }
  return false;
}

export interface JobRow {
  id: string;
  node_id: string;
  reason: string;
  actor_type: Actor['type'];
  actor_id: string;
  state: 'RUNNING' | 'DONE';
  affected: number;
  processed: number;
  reallocated: number;
  backordered: number;
  started_at: Date;
  finished_at: Date | null;
}

/**
 * Moves every open shipment off a node that went down. The job row is the checkpoint: each chunk of orders
 * is released, re-planned, written, noted on the timeline (fulfilment's own, and core's through one batch of
 * commands in the outbox) and announced in one transaction together with
 * the job's progress, so a process killed mid-way resumes from the next chunk, and a chunk never half-applies.
 * Shipments are locked while a chunk moves them, so an order picked or cancelled at the same moment either
 * goes first (and is then no longer open here) or waits for the chunk.
 */
export class ReallocationService {
  private readonly running = new Map<string, Promise<JobRow>>();

  constructor(
    private readonly orm: MikroORM,
    private readonly allocation: AllocationService,
    private readonly subjects: FulfilmentSubjects,
    private readonly logger: Logger,
    private readonly onEventsQueued: () => void,
    private readonly chunkSize: number,
    private readonly onCommandsQueued: () => void = () => {},
  ) {}

  /** Runs a job to its end; a second call for the same job joins the first. */
  run(jobId: string): Promise<JobRow> {
    const existing = this.running.get(jobId);
    if (existing) return existing;
    const run = this.runChunks(jobId).finally(() => this.running.delete(jobId));
    this.running.set(jobId, run);
    return run;
  }

  /** After a restart: finishes jobs a previous process left running. */
  async resumeUnfinished(): Promise<void> {
    const jobs = await query<{ id: string }>(this.orm.em.fork(), `select id from reallocation_job where state = 'RUNNING' order by started_at`);
    for (const job of jobs) {
      this.logger.info({ jobId: job.id }, 'resuming re-allocation job');
      void this.run(job.id).catch((error: unknown) =>
        this.logger.error({ err: error, jobId: job.id }, 're-allocation job failed; it resumes on the next start'),
      );
    }
  }

  private async runChunks(jobId: string): Promise<JobRow> {
    for (let conflicts = 0; ;) {
      let job: JobRow;
      try {
        job = await this.orm.em.fork().transactional((em) => this.runChunk(em, jobId));
      } catch (error) {
        // An order cancelled or scanned at the same moment takes its locks in another order than the chunk, so
        // PostgreSQL may abort one side of a deadlock; the chunk is all-or-nothing and simply runs again.
        if (!isLockConflict(error) || ++conflicts > MAX_CONFLICT_RETRIES) throw error;
        this.logger.warn({ jobId, conflicts }, 're-allocation chunk hit a lock conflict; running it again');
        continue;
      }
      conflicts = 0;
      this.onEventsQueued();
      this.onCommandsQueued();
      if (job.state === 'DONE') return job;
    }
  }

  private async runChunk(em: EntityManager, jobId: string): Promise<JobRow> {
    const [job] = await query<JobRow>(em, `select * from reallocation_job where id = ? for update`, [jobId]);
    if (!job) throw new Error(`re-allocation job ${jobId} not found`);
    if (job.state === 'DONE') return job;
    const now = new Date();
    const actor: Actor = { type: job.actor_type, id: job.actor_id };
    const batch = await query<{ order_id: string }>(
      em,
      `
      select distinct order_id from (select order_id from shipment where node_id = ? and state in ('ALLOCATED', 'PICKED', 'PACKED')
       order by order_id limit ? for update) s`,
      [job.node_id, this.chunkSize],
    );
    if (batch.length === 0) {
      const [done] = await query<JobRow>(em, `update reallocation_job set state = 'DONE', finished_at = ? where id = ? returning *`, [now, jobId]);
      return done!;
    }
    const orderIds = batch.map((row) => row.order_id);
    const released = await releaseOpenShipments(em, orderIds, 'RELEASE', 'REALLOCATED', actor, now, job.node_id);
    const lines = new Map<string, { order_id: string; line_no: number; sku: string; quantity: number; unit_weight_grams: number }>();
    const previousEta = new Map<string, number>();
    const replaces = new Map<string, string>();
    for (const line of released) {
      const key = `${line.order_id}:${line.line_no}`;
      const entry = lines.get(key) ?? {
        order_id: line.order_id,
        line_no: line.line_no,
        sku: line.sku,
        quantity: 0,
        unit_weight_grams: line.unit_weight_grams,
      };
      entry.quantity += line.quantity;
      lines.set(key, entry);
      previousEta.set(line.order_id, Math.max(previousEta.get(line.order_id) ?? 0, new Date(line.eta_at).getTime()));
      replaces.set(line.order_id, line.shipment_id);
    }
    // The moved units start over at their new node now, so the new ETA counts from the move, not from placement.
    const orders = (await loadOrdersToAllocate(em, orderIds, { shipmentLines: [...lines.values()] })).map((order) => ({ ...order, readyAt: now }));
    let backordered = 0;
    const outcome = await this.allocation.allocate(em, orders, actor, now, {
      cause: 'reallocation',
      // HiGHS would add up to its time limit per chunk (500 ms by default) to every affected customer's wait;
      // bench/allocation.mjs prints what the greedy plan costs against it.
      useSolver: false,
      movementNote: `node ${job.node_id} down`,
      timelineNote: `moved off ${job.node_id}: ${job.reason}`,
      replaces,
      // A consolidated order moved off the node keeps its low-carbon choice: it joins its customer's consignment there,
      // before the notice is written, so the new ETA told to the customer includes the wait.
      afterWrite: () => holdConsolidatedShipments(em, orderIds, now),
      eventsFor: (plan, region, shipments) => {
        if (plan.backordered.length > 0) backordered += 1;
        const newEta = plan.backordered.length === 0 && shipments.length > 0 ? Math.max(...shipments.map((shipment) => Date.parse(shipment.etaAt))) : null;
        return [
          {
            subject: this.subjects.customerNotice(region),
            messageId: `fulfilment.customer-notice:${plan.orderId}:${jobId}`,
            payload: {
              type: 'fulfilment.delivery-promise-changed',
              version: 1,
              orderId: plan.orderId,
              region,
              cause: 'NODE_DOWN',
              previousEtaAt: previousEta.has(plan.orderId) ? new Date(previousEta.get(plan.orderId)!).toISOString() : null,
              newEtaAt: newEta === null ? null : new Date(newEta).toISOString(),
              backordered: plan.backordered.length > 0,
              occurredAt: now.toISOString(),
            },
          },
        ];
      },
    });
    // Core's master timeline gets the step too, with the operator as actor: queued in bulk with the chunk, sent after it commits.
    await enqueueCoreCommands(em, reallocationNotes(outcome.plans, outcome.shipments, { jobId, fromNode: job.node_id, actor, at: now }));
    const [updated] = await query<JobRow>(
      em,
      `
      update reallocation_job set processed = processed + ?, reallocated = reallocated + ?, backordered = backordered + ? where id = ? returning *`,
      [outcome.plans.length, outcome.plans.length - backordered, backordered, jobId],
    );
    return updated!;
  }
}

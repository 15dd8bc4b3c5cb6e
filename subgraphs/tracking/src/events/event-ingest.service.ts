import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import { planIngestBatch } from './domain/ingest-plan.js';
import { validateBatch, type CarrierEventInput, type EventProblem } from './domain/carrier-event.rules.js';
import { loadBatchFacts, storeBatch, unparkForShipments, openShipmentsForParkedOrder, parkedOrdersAmong } from './event-store.js';
import { nextParkedOrders } from './parked-backlog.store.js';
import { applyStoredEvents } from '../journey/journey-progress.store.js';
import type { PartitionMaintenance } from '../persistence/partitions.js';
import { inTransactionWithOrm } from '../persistence/transaction.js';

export interface IngestResult {
  /** Events stored in a journey now. */
  stored: number;
  /** Valid events of shipments tracking does not know yet: kept and matched when the shipment appears. */
  parked: number;
  /** Events already stored (a carrier retrying): nothing changed. */
  duplicates: number;
  rejected: Array<{ index: number; eventId: string | null } & EventProblem>;
}

export interface IngestOptions {
  pool: pg.Pool;
  /** For the command outbox to core, written in the same transaction as the events. */
  orm: MikroORM;
  partitions: PartitionMaintenance;
  subjects: TrackingSubjects;
  clockSkewMs: number;
  retentionMs: number;
  /** After commit: which orders' journeys changed (live subscribers, outbox relay, command relay). */
  onCommitted: (orderIds: string[]) => void;
}

/**
 * Takes in carrier and warehouse events from any channel (HTTP batch, NATS): validates each, refuses events
 * for another carrier's parcels, stores the rest in one transaction and folds them into their shipments.
 * A batch is all-or-nothing in the database, and repeatable: a retried batch stores nothing twice.
 */
export class EventIngestService {
  /** Where the walk over the parked backlog goes on (order id), in this process. */
  private backlogAfter: string | null = null;

  constructor(private readonly options: IngestOptions) {}

  async ingest(carrierId: string, inputs: readonly CarrierEventInput[], now = new Date()): Promise<IngestResult> {
    const { pool, partitions, subjects } = this.options;
    const { accepted, positions, rejected } = validateBatch(inputs, {
      carrierId,
      now,
      clockSkewMs: this.options.clockSkewMs,
      retentionMs: this.options.retentionMs,
    });
    const plan = planIngestBatch(carrierId, accepted, await loadBatchFacts(pool, accepted), randomUUID);
    for (const { position, ...problem } of plan.rejected) rejected.push({ index: positions[position]!, ...problem });
    rejected.sort((a, b) => a.index - b.index);
    const valid = plan.store.length + plan.park.length;
    if (valid === 0) return { stored: 0, parked: 0, duplicates: 0, rejected };
    await partitions.ensureFor(plan.store.map(({ event }) => event.occurredAt));
    const { stored, parked, orderIds } = await this.inTransaction(async (client, em) => {
      const result = await storeBatch(client, plan, now);
      const touched = await applyStoredEvents(client, em, result.stored, subjects, now);
      return { ...result, orderIds: touched };
    });
    this.options.onCommitted(orderIds);
    return { stored: stored.length, parked, duplicates: valid - stored.length - parked, rejected };
  }

  /** Moves parked events into the journeys of these shipments (just registered or just matched). */
  async unpark(shipmentIds: readonly string[], now = new Date()): Promise<number> {
    const { stored, orderIds } = await this.inTransaction(async (client, em) => {
      const moved = await unparkForShipments(client, shipmentIds);
      return { stored: moved, orderIds: await applyStoredEvents(client, em, moved, this.options.subjects, now) };
    });
    this.options.onCommitted(orderIds);
    return stored.length;
  }

  /** Core told us of these orders: parked events that named them now open their shipments and join them. */
  async matchParkedOrders(orderIds: readonly string[], now = new Date()): Promise<number> {
    let total = 0;
    for (const orderId of await parkedOrdersAmong(this.options.pool, orderIds)) {
      const { moved, touched } = await this.inTransaction(async (client, em) => {
        const shipmentIds = await openShipmentsForParkedOrder(client, orderId);
        const stored = await unparkForShipments(client, shipmentIds);
        return { moved: stored.length, touched: await applyStoredEvents(client, em, stored, this.options.subjects, now) };
      });
      total += moved;
      this.options.onCommitted(touched);
    }
    return total;
  }

  /**
   * Safety net for a crash between learning of an order and matching: one bounded step of a walk over parked
   * events by order id (the next `batch` of them), matching those whose order is known now. Each call goes on
   * where the last stopped and starts again at the end, so every parked event is looked at within a few passes.
   */
  async matchParkedBacklog(batch: number): Promise<number> {
    const step = await nextParkedOrders(this.options.pool, this.backlogAfter, batch);
    this.backlogAfter = step.after;
    return this.matchParkedOrders(step.known);
  }

  private inTransaction<T>(work: (client: pg.PoolClient, em: EntityManager) => Promise<T>): Promise<T> {
    return inTransactionWithOrm(this.options.pool, this.options.orm, work);
  }
}

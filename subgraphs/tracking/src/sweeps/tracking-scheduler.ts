import type pg from 'pg';
import type { Logger } from '@hub/shared/logger';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import type { EventIngestService } from '../events/event-ingest.service.js';
import type { PartitionMaintenance } from '../persistence/partitions.js';
import { sweepDelays } from './delay-sweep.js';
import { escalateOverdueTasks, sweepDwell } from './dwell-sweep.js';
import { expireParkedEvents } from '../events/parked-backlog.store.js';

export interface SchedulerOptions {
  pool: pg.Pool;
  subjects: TrackingSubjects;
  logger: Logger;
  ingest: EventIngestService;
  partitions: PartitionMaintenance;
  sweepIntervalMs: number;
  batch: number;
  defaultLegHours: number;
  /** Parked events whose parcel has not appeared after this long are moved to `parked_event_expired`. */
  parkedRetentionMs: number;
  /** After a pass that raised warnings or alerts (new outbox rows). */
  onQueued: () => void;
}

/**
 * Tracking's periodic work, each pass bounded (`batch` rows, indexed, SKIP LOCKED so replicas share it): ETA
 * re-checks and delay warnings, dwell alerts, escalation of unacknowledged tasks, parked events whose order
 * is now known, expiry of parked events that never matched, and partition maintenance. Milestones for core go through the command relay.
 */
export class TrackingScheduler {
  private timers: NodeJS.Timeout[] = [];
  private pass: Promise<unknown> | undefined;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    this.timers.push(setInterval(() => void this.sweep(), this.options.sweepIntervalMs));
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.pass;
  }

  /** One pass of every sweep; tests call it with a chosen clock. */
  sweep(now = new Date()): Promise<{ checked: number; warned: number; dwell: number; escalated: number; unparked: number; expired: number }> {
    const run = async () => {
      const { pool, subjects, batch, defaultLegHours, ingest, partitions } = this.options;
      await partitions.run(now);
      const { checked, warned } = await sweepDelays(pool, subjects, { now, batch, defaultLegHours });
      const dwell = await sweepDwell(pool, { now, batch });
      const escalated = await escalateOverdueTasks(pool, { now, batch });
      const unparked = await ingest.matchParkedBacklog(batch);
      const expired = await expireParkedEvents(pool, { before: new Date(now.getTime() - this.options.parkedRetentionMs), now, batch });
      // Counted, not personal: carrier ids and counts only; the events themselves stay queryable in parked_event_expired.
      if (expired > 0) this.options.logger.warn({ expired }, 'parked events expired unmatched; kept in parked_event_expired');
      if (warned > 0) this.options.onQueued();
      return { checked, warned, dwell, escalated, unparked, expired };
    };
    const result = (this.pass ?? Promise.resolve()).then(run, run);
    this.pass = result.catch((error: unknown) => this.options.logger.warn({ err: error }, 'tracking sweep failed; retrying next interval'));
    return result;
  }
}

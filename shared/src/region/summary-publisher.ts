import { createHash } from 'node:crypto';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { enqueueEvent } from '../messaging/outbox.js';
import { periodOf, summaryMessageId, type RegionSummary } from '../messaging/summary-contracts.js';
import type { Subjects } from '../messaging/subjects.js';
import { periodFigures } from './summary-figures.js';
import { SummaryPublication } from './summary-publication.entity.js';
import { CURRENT_CARBON_FACTORS } from '../green/carbon-factors.table.js';
import { greenSummaryOf } from '../green/green-summary.rules.js';

/** Region-specific counters for a period, computed in the region's own store. */
export type SummaryMetrics = (em: EntityManager, period: { start: Date; end: Date }) => Promise<Record<string, number>>;

export interface SummaryPublisherOptions {
  orm: MikroORM;
  subjects: Subjects;
  region: string;
  periodMs: number;
  /** How many past periods are recomputed on each pass: late changes and a region back from downtime catch up. */
  lookbackPeriods: number;
  metrics?: SummaryMetrics;
  onEventsQueued: () => void;
  /**
   * After its first pass the publisher recomputes only the periods holding orders changed since its previous pass
   * began, less this margin: a change written just before that pass began but committed after it read is still seen.
   * Default five minutes, far above any intake transaction.
   */
  changeOverlapMs?: number;
}

export const DEFAULT_CHANGE_OVERLAP_MS = 300_000;

/**
 * Computes the region's summaries and queues a new revision through the outbox whenever a period's
 * figures changed, so publishing survives a NATS or region restart and a period is never reported twice
 * with the same revision.
 */
export class SummaryPublisher {
  /** When the previous pass began; none yet: the first pass (at start-up, or back from downtime) recomputes every period. */
  private previousPassAt: Date | undefined;

  constructor(private readonly options: SummaryPublisherOptions) {}

  /**
   * Recomputes the periods of the lookback window that may have changed, so that a pass costs what changed since the
   * previous one (the orders of the current period under traffic), not the whole window: idle, one index probe.
   */
  async publishDue(now = new Date()): Promise<number> {
    const { periodMs, lookbackPeriods } = this.options;
    const windowStart = periodOf(new Date(now.getTime() - lookbackPeriods * periodMs), periodMs).start;
    const since = this.previousPassAt && new Date(this.previousPassAt.getTime() - (this.options.changeOverlapMs ?? DEFAULT_CHANGE_OVERLAP_MS));
    const periods = since ? await this.changedPeriods(since, windowStart) : lookbackWindow(windowStart, lookbackPeriods, periodMs);
    let queued = 0;
    for (const period of periods) if (await this.publishPeriod(period, now)) queued += 1;
    this.previousPassAt = now;
    if (queued > 0) this.options.onEventsQueued();
    return queued;
  }

  /** The periods of the window holding an order written since `since`: by the `updated_at` index, one row per period. */
  private async changedPeriods(since: Date, windowStart: Date): Promise<Array<{ start: Date; end: Date }>> {
    const { orm, periodMs } = this.options;
    const em = orm.em.fork();
    const rows = await em.getConnection().execute<Array<{ period: string }>>(
      `select distinct floor(extract(epoch from created_at) * 1000 / ?)::bigint as period from "${em.config.get('schema')}".regional_order
          where updated_at >= ? and created_at >= ? order by period`,
      [periodMs, since, windowStart],
    );
    return rows.map((row) => periodOf(new Date(Number(row.period) * periodMs), periodMs));
  }

  private publishPeriod(period: { start: Date; end: Date }, now: Date): Promise<boolean> {
    const { orm, region, subjects, metrics } = this.options;
    return orm.em.fork().transactional(async (em) => {
      const { ordersPlaced, orderDigest, unconfirmedOrderIds, gmv, pendingRegistrations, consolidated } = await periodFigures(em, period);
      if (ordersPlaced === 0 && !(await em.findOne(SummaryPublication, { periodStart: period.start }))) return false;
      const content = {
        region,
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
        ordersPlaced,
        orderDigest,
        unconfirmedOrderIds,
        gmv,
        metrics: {
          // Counted separately so that a registration completing later yields a corrected revision, and core re-reconciles.
          pendingRegistrations,
          // Uptake of the low-carbon delivery option and the CO2e it saved against standard (issue 16).
          ...greenSummaryOf(CURRENT_CARBON_FACTORS, consolidated, ordersPlaced),
          ...(metrics ? await metrics(em, period) : {}),
        },
      };
      const fingerprint = createHash('sha256').update(JSON.stringify(content)).digest('hex');
      const previous = await em.findOne(SummaryPublication, { periodStart: period.start }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (previous?.fingerprint === fingerprint) return false;
      const revision = (previous?.revision ?? 0) + 1;
      const summary: RegionSummary = { ...content, revision, computedAt: now.toISOString() };
      await em.upsert(SummaryPublication, { periodStart: period.start, revision, fingerprint, publishedAt: now });
      enqueueEvent(em, subjects.summary(region), summaryMessageId(summary), summary);
      await em.flush();
      return true;
    });
  }
}

/** Every period of the window, oldest first. */
function lookbackWindow(windowStart: Date, lookbackPeriods: number, periodMs: number): Array<{ start: Date; end: Date }> {
  return Array.from({ length: lookbackPeriods + 1 }, (_, back) => periodOf(new Date(windowStart.getTime() + back * periodMs), periodMs));
}

import { createHash } from 'node:crypto';
import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { enqueueEvent } from '../messaging/outbox.js';
import { periodOf, summaryMessageId, type RegionSummary } from '../messaging/summary-contracts.js';
import type { Subjects } from '../messaging/subjects.js';
import { addFigures, NO_FIGURES, sliceFigures, sliceMsOf, sliceSql, unconfirmedOrderIds, type SliceFigures } from './summary-figures.js';
import { runStatement } from '../persistence/run-statement.js';
import { SummaryPublication } from './summary-publication.entity.js';
import { greenSummaryOfSavings } from '../green/green-summary.rules.js';

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
  /** The window's periods' figures by slice, as last read: a pass reads again only the slices whose orders changed. */
  private readonly slicesByPeriod = new Map<number, Map<number, SliceFigures>>();

  constructor(private readonly options: SummaryPublisherOptions) {}

  /**
   * Recomputes the slices of the lookback window's periods that may have changed, so that a pass costs what changed
   * since the previous one (the last minutes' orders under traffic), not the whole window nor a whole busy period:
   * idle, one index probe. The first pass (at start-up, or back from downtime) reads every period whole.
   */
  async publishDue(now = new Date()): Promise<number> {
    const { periodMs, lookbackPeriods } = this.options;
    const windowStart = periodOf(new Date(now.getTime() - lookbackPeriods * periodMs), periodMs).start;
    const since = this.previousPassAt && new Date(this.previousPassAt.getTime() - (this.options.changeOverlapMs ?? DEFAULT_CHANGE_OVERLAP_MS));
    const changes = since
      ? await this.changedSlices(since, windowStart)
      : new Map(lookbackWindow(windowStart, lookbackPeriods, periodMs).map((period) => [period.start.getTime(), 'all' as const]));
    let queued = 0;
    for (const [start, slices] of changes) if (await this.publishPeriod(periodOf(new Date(start), periodMs), slices, now)) queued += 1;
    for (const start of this.slicesByPeriod.keys()) if (start < windowStart.getTime()) this.slicesByPeriod.delete(start);
    this.previousPassAt = now;
    if (queued > 0) this.options.onEventsQueued();
    return queued;
  }

  /** The slices, by period start, of the window's orders written since `since`: by the `updated_at` index. */
  private async changedSlices(since: Date, windowStart: Date): Promise<Map<number, number[]>> {
    const { orm, periodMs } = this.options;
    const em = orm.em.fork();
    const rows = await runStatement<{ period: string; slice: number }>(
      em,
      `select distinct period, ${sliceSql('period * $1::bigint', '$2::int')} as slice from (
         select created_at, floor(extract(epoch from created_at) * 1000 / $1::bigint)::bigint as period from "${em.config.get('schema')}".regional_order
          where updated_at >= $3::timestamptz and created_at >= $4::timestamptz) o order by 1, 2`,
      [periodMs, sliceMsOf(periodMs), since, windowStart],
    );
    const changes = new Map<number, number[]>();
    for (const row of rows) {
      const start = Number(row.period) * periodMs;
      changes.set(start, [...(changes.get(start) ?? []), row.slice]);
    }
    return changes;
  }

  /** A period's figures from its slices: those asked for read now, the others as the last pass read them. */
  private async figuresOf(em: EntityManager, period: { start: Date; end: Date }, changed: number[] | 'all'): Promise<SliceFigures> {
    const start = period.start.getTime();
    const known = changed === 'all' ? undefined : this.slicesByPeriod.get(start);
    const sliceMs = sliceMsOf(period.end.getTime() - start);
    const reading = known && changed !== 'all' ? changed : Array.from({ length: Math.ceil((period.end.getTime() - start) / sliceMs) }, (_, slice) => slice);
    const read = await sliceFigures(em, period, reading);
    const slices = new Map(known);
    for (const slice of reading) {
      const figures = read.get(slice);
      if (figures) slices.set(slice, figures);
      else slices.delete(slice);
    }
    this.slicesByPeriod.set(start, slices);
    return [...slices.values()].reduce(addFigures, NO_FIGURES);
  }

  private publishPeriod(period: { start: Date; end: Date }, changed: number[] | 'all', now: Date): Promise<boolean> {
    const { orm, region, subjects, metrics } = this.options;
    return orm.em.fork().transactional(async (em) => {
      const { ordersPlaced, orderDigest, gmv, pendingRegistrations, lowCarbon } = await this.figuresOf(em, period, changed);
      if (ordersPlaced === 0 && !(await em.findOne(SummaryPublication, { periodStart: period.start }))) return false;
      const content = {
        region,
        periodStart: period.start.toISOString(),
        periodEnd: period.end.toISOString(),
        ordersPlaced,
        orderDigest,
        unconfirmedOrderIds: await unconfirmedOrderIds(em, period),
        gmv,
        metrics: {
          // Counted separately so that a registration completing later yields a corrected revision, and core re-reconciles.
          pendingRegistrations,
          // Uptake of the low-carbon delivery option and the CO2e it saved against standard (issue 16).
          ...greenSummaryOfSavings(lowCarbon, ordersPlaced),
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

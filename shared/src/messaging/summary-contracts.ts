import { z } from 'zod';

/** Bounds a summary's id list (36 kB of ids); `metrics.pendingRegistrations` still counts them all. */
export const MAX_UNCONFIRMED_IDS = 1_000;

/**
 * What a region reports about one period. `revision` grows each time the region's figures for that
 * period change (late registrations, returns), so the centre keeps the newest and ignores older copies.
 */
export const regionSummarySchema = z.object({
  region: z.string(),
  periodStart: z.iso.datetime(),
  periodEnd: z.iso.datetime(),
  revision: z.number().int().min(1),
  computedAt: z.iso.datetime(),
  ordersPlaced: z.number().int().min(0),
  /** Which orders were counted, as a fixed-size digest of their ids (order-set-digest.ts), whatever the period holds. */
  orderDigest: z.string().regex(/^[0-9a-f]{16}$/),
  /**
   * The counted orders core has not confirmed (registration pending or refused), in id order and at most
   * `MAX_UNCONFIRMED_IDS`: the ones core may lack, so it can name them; every other order core acknowledged.
   */
  unconfirmedOrderIds: z.array(z.uuid()).max(MAX_UNCONFIRMED_IDS),
  /** Gross merchandise value per currency, in minor units. */
  gmv: z.record(z.string(), z.number().int()),
  /** Region-specific counters (returns, refunds, pickups, COD collected, GDPR requests…). */
  metrics: z.record(z.string(), z.number()),
});
export type RegionSummary = z.infer<typeof regionSummarySchema>;

export const summaryMessageId = (summary: Pick<RegionSummary, 'region' | 'periodStart' | 'revision'>) =>
  `summary:${summary.region}:${summary.periodStart}:${summary.revision}`;

/** Fixed-length periods aligned to the epoch (hours by default), identical in every region. */
export function periodOf(at: Date, periodMs: number): { start: Date; end: Date } {
  const start = Math.floor(at.getTime() / periodMs) * periodMs;
  return { start: new Date(start), end: new Date(start + periodMs) };
}

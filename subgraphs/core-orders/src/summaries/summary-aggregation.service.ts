import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { orderSetDigestSql } from '@hub/shared/messaging/order-set-digest';
import { queryRows } from '@hub/shared/persistence/query-rows';
import type { RegionSummary } from '@hub/shared/messaging/summary-contracts';
import { reconcile, type CorePeriodFacts } from './domain/reconcile.js';
import { ReconciliationFinding } from './persistence/reconciliation-finding.entity.js';
import { RegionSummaryRecord } from './persistence/region-summary.entity.js';

/**
 * Keeps the newest summary per region and period and reconciles it with master data, inside the
 * consumer's transaction: a summary re-sent, redelivered, late or out of order changes nothing unless
 * its revision is newer than the one stored.
 */
export async function applyRegionSummary(em: EntityManager, summary: RegionSummary, now = new Date()): Promise<'stored' | 'stale'> {
  const periodStart = new Date(summary.periodStart);
  const key = { region: summary.region, periodStart };
  const stored = await em.findOne(RegionSummaryRecord, key, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (stored && stored.revision >= summary.revision) return 'stale';
  await em.upsert(RegionSummaryRecord, {
    ...key,
    periodEnd: new Date(summary.periodEnd),
    revision: summary.revision,
    ordersPlaced: summary.ordersPlaced,
    orderDigest: summary.orderDigest,
    unconfirmedOrderIds: summary.unconfirmedOrderIds,
    gmv: summary.gmv,
    metrics: summary.metrics,
    computedAt: new Date(summary.computedAt),
    receivedAt: now,
  });
  await reconcilePeriod(em, summary, now);
  return 'stored';
}

async function reconcilePeriod(em: EntityManager, summary: RegionSummary, now: Date): Promise<void> {
  const periodStart = new Date(summary.periodStart);
  const findings = reconcile(summary, await corePeriodFacts(em, summary));
  await em.nativeDelete(ReconciliationFinding, { region: summary.region, periodStart });
  for (const finding of findings) {
    em.create(ReconciliationFinding, {
      region: summary.region,
      periodStart,
      kind: finding.kind,
      orderId: finding.orderId ?? null,
      currency: finding.currency ?? null,
      regionValue: finding.regionValue ?? null,
      coreValue: finding.coreValue ?? null,
      summaryRevision: summary.revision,
      detectedAt: now,
    });
  }
  await em.flush();
}

/**
 * Core's side of a period, aggregated in PostgreSQL (the region's orders by `placed_at`, the region's own placement
 * time) and the orders the summary names: a few rows whatever the period holds.
 */
async function corePeriodFacts(em: EntityManager, summary: RegionSummary): Promise<CorePeriodFacts> {
  const orders = `"${em.config.get('schema')}"."order"`;
  const period = [summary.region, new Date(summary.periodStart), new Date(summary.periodEnd)];
  const inPeriod = `${orders} where region = ? and placed_at >= ? and placed_at < ?`;
  const [totals] = await queryRows<{ orders: number; digest: string }>(
    em,
    `select count(*)::int as orders, ${orderSetDigestSql('id')} as digest from ${inPeriod}`,
    period,
  );
  const gmv = await queryRows<{ currency: string; gmv: string }>(em, `select currency, sum(grand_total)::bigint as gmv from ${inPeriod} group by 1`, period);
  const named =
    summary.unconfirmedOrderIds.length === 0
      ? []
      : await queryRows<{ id: string; region: string }>(
          em,
          `select id, region from ${orders} where id in (select value::uuid from jsonb_array_elements_text(?::jsonb))`,
          [JSON.stringify(summary.unconfirmedOrderIds)],
        );
  return {
    orders: totals!.orders,
    orderDigest: totals!.digest,
    gmv: Object.fromEntries(gmv.map((row) => [row.currency, Number(row.gmv)])),
    regionOf: new Map(named.map((row) => [row.id, row.region])),
  };
}

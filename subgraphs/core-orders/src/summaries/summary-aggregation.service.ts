import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import type { RegionSummary } from '@hub/shared/messaging/summary-contracts';
import { Order } from '../orders/persistence/order.entity.js';
import { reconcile } from './domain/reconcile.js';
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
    orderIds: summary.orderIds,
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
  const periodEnd = new Date(summary.periodEnd);
  const length = periodEnd.getTime() - periodStart.getTime();
  const [counted, inPeriod, neighbours] = await Promise.all([
    em.find(Order, { id: { $in: summary.orderIds } }),
    em.find(Order, { region: summary.region, placedAt: { $gte: periodStart, $lt: periodEnd } }),
    em.find(RegionSummaryRecord, {
      region: summary.region,
      periodStart: { $in: [new Date(periodStart.getTime() - length), periodEnd] },
    }),
  ]);
  const facts = (order: Order) => ({ id: order.id, region: order.region, currency: order.currency, grandTotal: order.grandTotal, placedAt: order.placedAt });
  const findings = reconcile(
    { region: summary.region, periodStart, periodEnd, orderIds: summary.orderIds, gmv: summary.gmv },
    new Map(counted.map((order) => [order.id, facts(order)])),
    inPeriod.map(facts),
    new Set(neighbours.flatMap((neighbour) => neighbour.orderIds)),
  );
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

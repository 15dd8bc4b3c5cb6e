export type FindingKind = 'NOT_REGISTERED_IN_CORE' | 'MISSING_FROM_REGION_SUMMARY' | 'REGION_MISMATCH' | 'GMV_MISMATCH';

export interface Finding {
  kind: FindingKind;
  orderId?: string;
  currency?: string;
  regionValue?: number;
  coreValue?: number;
}

export interface CoreOrderFacts {
  id: string;
  region: string;
  currency: string;
  grandTotal: number;
  placedAt: Date;
}

export interface SummaryFacts {
  region: string;
  periodStart: Date;
  periodEnd: Date;
  orderIds: string[];
  gmv: Record<string, number>;
}

/**
 * Compares what a region says it took in during a period with core's master data: orders core never
 * registered, orders core holds for the region that the region did not count, orders filed under another
 * region, and GMV per currency. Region and core stamp an order a few milliseconds apart, so an order core
 * placed in this period but the region counted in a neighbouring one (`countedElsewhere`) is no finding.
 */
export function reconcile(
  summary: SummaryFacts,
  coreOrdersById: Map<string, CoreOrderFacts>,
  coreOrdersInPeriod: CoreOrderFacts[],
  countedElsewhere: Set<string>,
): Finding[] {
  const findings: Finding[] = [];
  const counted = new Set(summary.orderIds);
  const coreGmv: Record<string, number> = {};
  for (const orderId of summary.orderIds) {
    const order = coreOrdersById.get(orderId);
    if (!order) {
      findings.push({ kind: 'NOT_REGISTERED_IN_CORE', orderId });
    } else if (order.region !== summary.region) {
      findings.push({ kind: 'REGION_MISMATCH', orderId });
    } else {
      coreGmv[order.currency] = (coreGmv[order.currency] ?? 0) + order.grandTotal;
    }
  }
  for (const order of coreOrdersInPeriod) {
    if (order.region === summary.region && !counted.has(order.id) && !countedElsewhere.has(order.id)) {
      findings.push({ kind: 'MISSING_FROM_REGION_SUMMARY', orderId: order.id });
    }
  }
  // Orders core never registered cannot match any amount; comparing GMV only over the ones it has keeps
  // one missing order from also showing up as a money difference.
  const notRegistered = findings.filter((f) => f.kind === 'NOT_REGISTERED_IN_CORE').length;
  if (notRegistered === 0) {
    for (const currency of new Set([...Object.keys(summary.gmv), ...Object.keys(coreGmv)])) {
      const regionValue = summary.gmv[currency] ?? 0;
      const coreValue = coreGmv[currency] ?? 0;
      if (regionValue !== coreValue) findings.push({ kind: 'GMV_MISMATCH', currency, regionValue, coreValue });
    }
  }
  return findings;
}

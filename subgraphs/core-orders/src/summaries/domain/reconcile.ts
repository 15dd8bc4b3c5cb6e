import { xorOrderIds } from '@hub/shared/messaging/order-set-digest';

/** `MISSING_FROM_REGION_SUMMARY` is no longer found (summaries carry a digest, not every id); kept for stored findings. */
export type FindingKind = 'NOT_REGISTERED_IN_CORE' | 'MISSING_FROM_REGION_SUMMARY' | 'REGION_MISMATCH' | 'ORDER_SET_MISMATCH' | 'GMV_MISMATCH';

export interface Finding {
  kind: FindingKind;
  orderId?: string;
  currency?: string;
  regionValue?: number;
  coreValue?: number;
}

/** What a region says of one period (its summary). */
export interface SummaryFacts {
  region: string;
  ordersPlaced: number;
  orderDigest: string;
  unconfirmedOrderIds: readonly string[];
  gmv: Record<string, number>;
}

/** What core holds for the same region and period, aggregated from master data. */
export interface CorePeriodFacts {
  orders: number;
  orderDigest: string;
  gmv: Record<string, number>;
  /** The region core files each of the summary's unconfirmed orders under; absent: core never registered it. */
  regionOf: ReadonlyMap<string, string>;
}

/**
 * Compares what a region says it took in during a period with core's master data. The orders core has not
 * confirmed are named (never registered, or filed under another region); beyond them both sides must hold the same
 * set of orders (count and digest: core files an order under the region's own placement time, so the periods match),
 * else the difference is one ORDER_SET_MISMATCH with both counts. GMV per currency is compared when the sets match.
 */
export function reconcile(summary: SummaryFacts, core: CorePeriodFacts): Finding[] {
  const findings: Finding[] = [];
  const notInCore: string[] = [];
  for (const orderId of summary.unconfirmedOrderIds) {
    const region = core.regionOf.get(orderId);
    if (region === summary.region) continue;
    findings.push({ kind: region === undefined ? 'NOT_REGISTERED_IN_CORE' : 'REGION_MISMATCH', orderId });
    notInCore.push(orderId);
  }
  const expected = summary.ordersPlaced - notInCore.length;
  if (expected !== core.orders || xorOrderIds(summary.orderDigest, notInCore) !== core.orderDigest) {
    findings.push({ kind: 'ORDER_SET_MISMATCH', regionValue: expected, coreValue: core.orders });
    return findings;
  }
  // An order core lacks cannot match any amount: compared only when every order the region counted is core's.
  if (notInCore.length > 0) return findings;
  for (const currency of new Set([...Object.keys(summary.gmv), ...Object.keys(core.gmv)])) {
    const regionValue = summary.gmv[currency] ?? 0;
    const coreValue = core.gmv[currency] ?? 0;
    if (regionValue !== coreValue) findings.push({ kind: 'GMV_MISMATCH', currency, regionValue, coreValue });
  }
  return findings;
}

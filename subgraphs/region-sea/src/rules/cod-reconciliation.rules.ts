import { compareText } from '@hub/shared/compare-text';
import { InputValidationError } from '@hub/shared/errors';

/** One cash-on-delivery order as reconciliation sees it. */
export interface CodOrderFacts {
  orderId: string;
  currency: string;
  amountDue: number;
  /** First SIGNED step in region-sea's copy of the timeline, and who reported it. */
  deliveredAt: Date | null;
  deliveredBy: string | null;
  collectedAt: Date | null;
  collectedBy: string | null;
  collectedAmount: number | null;
}

export type CodDiscrepancyKind = 'NOT_COLLECTED' | 'NOT_DELIVERED' | 'COLLECTED_ELSEWHERE' | 'AMOUNT_MISMATCH';

export interface CodDiscrepancy {
  orderId: string;
  kind: CodDiscrepancyKind;
  expected: number;
  collected: number;
}

/** What one courier owes for one local day in one currency, and what they handed in. */
export interface CodReconciliationRow {
  courierId: string;
  day: string;
  currency: string;
  deliveredOrders: number;
  expected: number;
  collectedOrders: number;
  collected: number;
  /** collected − expected: negative is cash missing. */
  difference: number;
  discrepancies: CodDiscrepancy[];
}

/** Deliveries reported by someone other than a courier (an operator fixing a status) have no courier. */
export const UNKNOWN_COURIER = 'unknown';

/**
 * Reconciles cash on delivery the way couriers hand it in: per courier and local day, the cash expected for the
 * orders they delivered against the cash they recorded. Delivery and collection are attributed independently
 * (the cash is where it was taken), so an order delivered by one courier and collected by another, or on another
 * day, appears on both rows as COLLECTED_ELSEWHERE instead of silently balancing out.
 */
export function reconcileCodCollections(orders: readonly CodOrderFacts[], timeZone: string, days?: { from: string; to: string }): CodReconciliationRow[] {
  const localDay = dayFormatter(timeZone);
  const rows = new Map<string, CodReconciliationRow>();
  const rowOf = (courierId: string, at: Date, currency: string) => {
    const day = localDay(at);
    const key = `${courierId}|${day}|${currency}`;
    let row = rows.get(key);
    if (!row) {
      row = { courierId, day, currency, deliveredOrders: 0, expected: 0, collectedOrders: 0, collected: 0, difference: 0, discrepancies: [] };
      rows.set(key, row);
    }
    return row;
  };
  for (const order of orders) {
    const expected = order.amountDue;
    const collected = order.collectedAmount ?? 0;
    const delivery = order.deliveredAt ? rowOf(order.deliveredBy ?? UNKNOWN_COURIER, order.deliveredAt, order.currency) : undefined;
    const collection = order.collectedAt && order.collectedBy ? rowOf(order.collectedBy, order.collectedAt, order.currency) : undefined;
    const note = (row: CodReconciliationRow, kind: CodDiscrepancyKind) => row.discrepancies.push({ orderId: order.orderId, kind, expected, collected });
    if (delivery) {
      delivery.deliveredOrders += 1;
      delivery.expected += expected;
    }
    if (collection) {
      collection.collectedOrders += 1;
      collection.collected += collected;
      if (collected !== expected) note(collection, 'AMOUNT_MISMATCH');
    }
    if (delivery && !collection) note(delivery, 'NOT_COLLECTED');
    if (collection && !delivery) note(collection, 'NOT_DELIVERED');
    if (delivery && collection && delivery !== collection) {
      note(delivery, 'COLLECTED_ELSEWHERE');
      note(collection, 'COLLECTED_ELSEWHERE');
    }
  }
  return [...rows.values()]
    .filter((row) => !days || (row.day >= days.from && row.day <= days.to))
    .map((row) => ({ ...row, difference: row.collected - row.expected }))
    .sort((a, b) => compareText(a.day, b.day) || compareText(a.courierId, b.courierId) || compareText(a.currency, b.currency));
}

/** YYYY-MM-DD in the given IANA time zone; a courier's day ends at local midnight, not UTC's. */
export function dayFormatter(timeZone: string): (at: Date) => string {
  const format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (at) => format.format(at);
}

/** Local days asked for, and a UTC window wide enough to hold them in any time zone (UTC−12 to UTC+14). */
export interface ReconciliationPeriod {
  from: string;
  to: string;
  timeZone: string;
  utcStart: Date;
  utcEnd: Date;
}

/** Operators reconcile a courier's cash weekly or monthly; a longer period is a report, not a reconciliation. */
export const MAX_RECONCILIATION_DAYS = 31;
const DAY_MS = 86_400_000;

export function parseReconciliationPeriod(from: string, to: string, timeZone: string): ReconciliationPeriod {
  const start = parseDay(from, 'from');
  const end = parseDay(to, 'to');
  if (end < start) throw new InputValidationError('to', 'to must not be before from');
  if ((end - start) / DAY_MS + 1 > MAX_RECONCILIATION_DAYS)
    throw new InputValidationError('to', `A reconciliation covers at most ${MAX_RECONCILIATION_DAYS} days`);
  try {
    dayFormatter(timeZone);
  } catch {
    throw new InputValidationError('timeZone', 'timeZone must be an IANA time zone such as Asia/Jakarta');
  }
  return { from, to, timeZone, utcStart: new Date(start - 14 * 3_600_000), utcEnd: new Date(end + DAY_MS + 14 * 3_600_000) };
}

function parseDay(day: string, field: string): number {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(at) || new Date(at).toISOString().slice(0, 10) !== day) throw new InputValidationError(field, `${field} must be a day as YYYY-MM-DD`);
  return at;
}

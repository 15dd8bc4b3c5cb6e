import type { EntityManager } from '@mikro-orm/postgresql';
import { CURRENT_CARBON_FACTORS } from '../green/carbon-factors.table.js';
import { lowCarbonSavingsOf, type LowCarbonSavings, type OrderForGreenSummary } from '../green/green-summary.rules.js';
import { EMPTY_ORDER_SET_DIGEST, orderSetDigestSql, xorDigests } from '../messaging/order-set-digest.js';
import { MAX_UNCONFIRMED_IDS } from '../messaging/summary-contracts.js';
import { runStatement } from '../persistence/run-statement.js';

/**
 * What a slice of a period's orders contributes to the period's summary; slices add up (`addFigures`). Sums only, so
 * that a publisher can keep every slice of its window whatever the traffic (the unconfirmed orders it names are read
 * per period: `unconfirmedOrderIds`).
 */
export interface SliceFigures {
  ordersPlaced: number;
  orderDigest: string;
  /** Gross merchandise value per currency, minor units: the region's own view (lines + shipping − discount). */
  gmv: Record<string, number>;
  pendingRegistrations: number;
  /** The orders that chose the consolidated (low-carbon) delivery, and what they save. */
  lowCarbon: LowCarbonSavings;
}

export const NO_FIGURES: SliceFigures = {
  ordersPlaced: 0,
  orderDigest: EMPTY_ORDER_SET_DIGEST,
  gmv: {},
  pendingRegistrations: 0,
  lowCarbon: { orders: 0, grams: 0 },
};

/** Two disjoint sets of orders' figures as one. */
export function addFigures(a: SliceFigures, b: SliceFigures): SliceFigures {
  const gmv = { ...a.gmv };
  for (const [currency, value] of Object.entries(b.gmv)) gmv[currency] = (gmv[currency] ?? 0) + value;
  return {
    ordersPlaced: a.ordersPlaced + b.ordersPlaced,
    orderDigest: xorDigests(a.orderDigest, b.orderDigest),
    gmv,
    pendingRegistrations: a.pendingRegistrations + b.pendingRegistrations,
    lowCarbon: { orders: a.lowCarbon.orders + b.lowCarbon.orders, grams: a.lowCarbon.grams + b.lowCarbon.grams },
  };
}

/**
 * A period is summed up from this many slices of equal length, so that a pass under traffic reads again only the
 * slices whose orders changed (the last minutes of an hour) rather than every order of the period each minute.
 */
export const SLICES_PER_PERIOD = 60;

/** Whole milliseconds, so that a row's slice is exact both in a range (`created_at` index) and by arithmetic. */
export const sliceMsOf = (periodMs: number) => Math.ceil(periodMs / SLICES_PER_PERIOD);

/** The slice of a period's rows as SQL, from `created_at`: PostgreSQL's epoch is exact (numeric), as the ranges are. */
export const sliceSql = (periodStartMs: string, sliceMs: string) => `floor((extract(epoch from created_at) * 1000 - ${periodStartMs}) / ${sliceMs})::int`;

const request = `registration_request`;
const CONSOLIDATED = `${request}->'delivery'->>'option' = 'CONSOLIDATED'`;
/** One order's GMV from the request the region sent core, computed apart from core's on purpose: reconciliation compares two computations. */
const ORDER_GMV = `(select coalesce(sum((l->>'quantity')::bigint * (coalesce((l->>'unitPrice')::bigint, 0) + coalesce((l->>'unitTax')::bigint, 0))), 0)
    from jsonb_array_elements(${request}->'lines') l)
  + coalesce((${request}->>'shippingTotal')::bigint, 0) - coalesce((${request}->>'discountTotal')::bigint, 0)`;

/**
 * The figures of some slices of a period, by slice, aggregated in PostgreSQL: each slice is a range of the
 * `created_at` index, and the process holds a few rows per slice whatever the period's traffic. A slice without
 * orders is absent.
 */
export async function sliceFigures(em: EntityManager, period: { start: Date; end: Date }, slices: readonly number[]): Promise<Map<number, SliceFigures>> {
  // In the caller's transaction, so the figures and the publication they lead to see one snapshot of the orders.
  const start = period.start.getTime();
  const sliceMs = sliceMsOf(period.end.getTime() - start);
  // Runs of neighbouring slices as ranges of the `created_at` index, OR-ed: the planner scans each range by the index.
  const ranges = rangesOf([...slices].sort((a, b) => a - b)).map(([first, last]) => [
    new Date(start + first * sliceMs),
    new Date(Math.min(start + (last + 1) * sliceMs, period.end.getTime())),
  ]);
  const params = [start, sliceMs, ...ranges.flat()];
  const where = ranges.map((_, i) => `(created_at >= $${3 + 2 * i}::timestamptz and created_at < $${4 + 2 * i}::timestamptz)`).join(' or ');
  const slice = sliceSql('$1::bigint', '$2::int');
  const rowsOf = `"${em.config.get('schema')}".regional_order where (${where || 'false'})`;
  // Two passes over the slices' rows: the figures per currency, then the few orders that chose the low-carbon option.
  const perCurrency = await runStatement<{ slice: number; currency: string; orders: number; digest: string; pending: number; gmv: string }>(
    em,
    `select ${slice} as slice, ${request}->>'currency' as currency, count(*)::int as orders, ${orderSetDigestSql('order_id')} as digest,
      (count(*) filter (where registration = 'PENDING'))::int as pending, sum(${ORDER_GMV})::bigint as gmv
    from ${rowsOf} group by 1, 2 order by 1, 2`,
    params,
  );
  const consolidated = await runStatement<{ slice: number } & OrderForGreenSummary>(
    em,
    `select ${slice} as slice, ${request}->'delivery' as delivery, ${request}->'lines' as lines from ${rowsOf} and ${CONSOLIDATED}`,
    params,
  );
  const figures = new Map<number, SliceFigures>();
  for (const row of perCurrency) {
    const part = {
      ...NO_FIGURES,
      ordersPlaced: row.orders,
      orderDigest: row.digest,
      gmv: { [row.currency]: Number(row.gmv) },
      pendingRegistrations: row.pending,
    };
    figures.set(row.slice, addFigures(figures.get(row.slice) ?? NO_FIGURES, part));
  }
  const chosenBySlice = new Map<number, OrderForGreenSummary[]>();
  for (const row of consolidated) {
    const chosen = chosenBySlice.get(row.slice);
    if (chosen) chosen.push(row);
    else chosenBySlice.set(row.slice, [row]);
  }
  for (const [slice, chosen] of chosenBySlice) {
    const counted = figures.get(slice) ?? NO_FIGURES;
    figures.set(slice, { ...counted, lowCarbon: lowCarbonSavingsOf(CURRENT_CARBON_FACTORS, chosen) });
  }
  return figures;
}

/**
 * The period's orders core has not confirmed, lowest id first, at most `MAX_UNCONFIRMED_IDS`: by the index of the
 * unconfirmed orders, so a pass reads the period's few pending ones, not the period (all of it only while core is away).
 */
export async function unconfirmedOrderIds(em: EntityManager, period: { start: Date; end: Date }): Promise<string[]> {
  const rows = await runStatement<{ order_id: string }>(
    em,
    `select order_id from "${em.config.get('schema')}".regional_order
      where registration in ('PENDING', 'REJECTED') and created_at >= $1::timestamptz and created_at < $2::timestamptz order by order_id limit ${MAX_UNCONFIRMED_IDS}`,
    [period.start, period.end],
  );
  return rows.map((row) => row.order_id);
}

/** Sorted slice numbers as runs of neighbours, first and last of each. */
function rangesOf(sorted: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const slice of sorted) {
    const last = runs.at(-1);
    if (last && slice <= last[1] + 1) last[1] = Math.max(last[1], slice);
    else runs.push([slice, slice]);
  }
  return runs;
}

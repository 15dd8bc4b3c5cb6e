import type pg from 'pg';
import type { BatchProgressCellView } from '../graphql/tracking.types.js';

/**
 * The data behind a B2B fulfilment heatmap: how many of the customer's orders reached each status, per
 * region and UTC hour, in a time window. Served by the customer index on `tracked_order`.
 */
export async function batchProgress(pool: pg.Pool, customerRef: string, from: Date, to: Date, regions: string[] | undefined): Promise<BatchProgressCellView[]> {
  const { rows } = await pool.query<{ region: string; status: string; hour: Date; orders: number }>(
    `select region, status, date_trunc('hour', status_at) as hour, count(*)::int as orders
    from "tracking".tracked_order where customer_ref = $1 and status_at >= $2 and status_at < $3 and ($4::text[] is null or region = any($4))
    group by 1, 2, 3 order by 3, 1, 2`,
    [customerRef, from, to, regions ?? null],
  );
  return rows;
}

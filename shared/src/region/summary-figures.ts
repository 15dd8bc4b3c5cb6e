import type { EntityManager } from '@mikro-orm/postgresql';
import { EMPTY_ORDER_SET_DIGEST, orderSetDigestSql, xorDigests } from '../messaging/order-set-digest.js';
import { MAX_UNCONFIRMED_IDS } from '../messaging/summary-contracts.js';
import type { OrderForGreenSummary } from '../green/green-summary.rules.js';
import { queryRows } from '../persistence/query-rows.js';

export interface PeriodFigures {
  ordersPlaced: number;
  orderDigest: string;
  unconfirmedOrderIds: string[];
  /** Gross merchandise value per currency, minor units: the region's own view (lines + shipping − discount). */
  gmv: Record<string, number>;
  pendingRegistrations: number;
  /** Only the orders that chose the consolidated (low-carbon) delivery, with their lines. */
  consolidated: OrderForGreenSummary[];
}

const request = `registration_request`;
const CONSOLIDATED = `${request}->'delivery'->>'option' = 'CONSOLIDATED'`;
/** One order's GMV from the request the region sent core, computed apart from core's on purpose: reconciliation compares two computations. */
const ORDER_GMV = `(select coalesce(sum((l->>'quantity')::bigint * (coalesce((l->>'unitPrice')::bigint, 0) + coalesce((l->>'unitTax')::bigint, 0))), 0)
    from jsonb_array_elements(${request}->'lines') l)
  + coalesce((${request}->>'shippingTotal')::bigint, 0) - coalesce((${request}->>'discountTotal')::bigint, 0)`;

/**
 * A period's figures, aggregated in PostgreSQL over the `created_at` index: the process holds a few rows whatever
 * the period's traffic (it used to load every order of the period as an entity, each minute under traffic).
 */
export async function periodFigures(em: EntityManager, period: { start: Date; end: Date }): Promise<PeriodFigures> {
  // In the caller's transaction, so the figures and the publication they lead to see one snapshot of the orders.
  const query = <T extends object>(sql: string) => queryRows<T>(em, sql, [period.start, period.end]);
  const orders = `"${em.config.get('schema')}".regional_order where created_at >= ? and created_at < ?`;
  // Two passes over the period's rows: the figures per currency, then the few orders the summary names or reads.
  const perCurrency = await query<{ currency: string; orders: number; digest: string; pending: number; gmv: string }>(
    `select ${request}->>'currency' as currency, count(*)::int as orders, ${orderSetDigestSql('order_id')} as digest,
      (count(*) filter (where registration = 'PENDING'))::int as pending, sum(${ORDER_GMV})::bigint as gmv
    from ${orders} group by 1 order by 1`,
  );
  const named = await query<{ order_id: string; listed: boolean } & Partial<OrderForGreenSummary>>(
    `select order_id, unconfirmed and n <= ${MAX_UNCONFIRMED_IDS} as listed, delivery, lines from (
      select order_id, registration <> 'REGISTERED' as unconfirmed,
        row_number() over (partition by registration <> 'REGISTERED' order by order_id) as n,
        case when ${CONSOLIDATED} then ${request}->'delivery' end as delivery, case when ${CONSOLIDATED} then ${request}->'lines' end as lines
      from ${orders} and (registration <> 'REGISTERED' or ${CONSOLIDATED})) o
    where (unconfirmed and n <= ${MAX_UNCONFIRMED_IDS}) or delivery is not null order by order_id`,
  );
  const sum = (pick: (row: (typeof perCurrency)[number]) => number) => perCurrency.reduce((total, row) => total + pick(row), 0);
  return {
    ordersPlaced: sum((row) => row.orders),
    orderDigest: perCurrency.reduce((digest, row) => xorDigests(digest, row.digest), EMPTY_ORDER_SET_DIGEST),
    unconfirmedOrderIds: named.filter((row) => row.listed).map((row) => row.order_id),
    gmv: Object.fromEntries(perCurrency.map((row) => [row.currency, Number(row.gmv)])),
    pendingRegistrations: sum((row) => row.pending),
    consolidated: named.flatMap(({ delivery, lines }) => (delivery && lines ? [{ delivery, lines }] : [])),
  };
}

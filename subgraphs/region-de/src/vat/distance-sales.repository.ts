import type { EntityManager } from '@mikro-orm/postgresql';
import { regionSchemaName } from '@hub/shared/region/region-app';

const SCHEMA = regionSchemaName('de');

/**
 * Cross-border B2C distance sales region-de made in a calendar year, net, in cents: what the EUR 10,000
 * threshold counts. A cancelled order was never supplied, so it does not count; refunds are not netted.
 */
export async function distanceSalesNetOf(em: EntityManager, year: number): Promise<number> {
  const [row] = await em.getConnection().execute<Array<{ total: string }>>(
    `select coalesce(sum(v.net_total), 0)::text as total
       from "${SCHEMA}".de_order_vat v join "${SCHEMA}".regional_order o on o.order_id = v.order_id
      where v.scheme in ('DISTANCE_SALE_DE_VAT', 'OSS') and v.order_date between ? and ? and o.status is distinct from 'CANCELLED'`,
    [`${year}-01-01`, `${year}-12-31`],
    'all',
    em.getTransactionContext(), // inside the caller's transaction, never on a second pool connection
  );
  return Number(row?.total ?? 0);
}

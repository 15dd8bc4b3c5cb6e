import { raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DeOrderVat } from './de-order-vat.entity.js';

/** Cross-border B2C distance sales (what the EUR 10,000 threshold counts) region-de made in a calendar year: net cents. */
export async function distanceSalesNetOf(em: EntityManager, year: number): Promise<number> {
  const row = await em.createQueryBuilder(DeOrderVat)
    .select(raw('coalesce(sum(net_total), 0)::text as total'))
    .where({ scheme: { $in: ['DISTANCE_SALE_DE_VAT', 'OSS'] }, orderDate: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } })
    .execute<{ total: string }>('get');
  return Number(row.total);
}

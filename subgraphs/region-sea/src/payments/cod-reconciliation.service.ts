import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { assertActsInSea } from '../delivery/sea-access.js';
import { parseReconciliationPeriod, reconcileCodCollections, type CodOrderFacts, type CodReconciliationRow } from '../rules/cod-reconciliation.rules.js';

interface FactRow {
  orderId: string;
  currency: string;
  amountDue: string | number;
  deliveredAt: Date | string | null;
  deliveredBy: string | null;
  collectedAt: Date | string | null;
  collectedBy: string | null;
  collectedAmount: string | number | null;
}

/**
 * Cash-on-delivery orders delivered (first SIGNED step in region-sea's copy of the timeline) or collected in a
 * window, with the courier who reported the delivery; only carriers count as couriers.
 */
const factsSql = (schema: string) => `
  with candidates as (
    select order_id from "${schema}".regional_order_status_event where to_status = 'SIGNED' and at >= ? and at < ?
    union
    select order_id from "${schema}".sea_cod_collection where collected_at >= ? and collected_at < ?
  )
  select p.order_id as "orderId", p.currency, p.amount_due as "amountDue",
         d.at as "deliveredAt", case when a.actor_type = 'carrier' then a.actor_id end as "deliveredBy",
         c.collected_at as "collectedAt", c.courier_id as "collectedBy", c.amount as "collectedAmount"
  from candidates k
  join "${schema}".sea_payment p on p.order_id = k.order_id and p.method = 'COD'
  left join lateral (
    select e.at, e.version from "${schema}".regional_order_status_event e
    where e.order_id = p.order_id and e.to_status = 'SIGNED' order by e.version limit 1
  ) d on true
  left join "${schema}".sea_delivery_actor a on a.order_id = p.order_id and a.version = d.version
  left join "${schema}".sea_cod_collection c on c.order_id = p.order_id`;

export class CodReconciliationService {
  constructor(
    private readonly orm: MikroORM,
    private readonly schema: string,
  ) {}

  async reconcile(principal: Principal, from: string, to: string, timeZone: string): Promise<CodReconciliationRow[]> {
    assertActsInSea(principal);
    const period = parseReconciliationPeriod(from, to, timeZone);
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<FactRow[]>(factsSql(this.schema), [period.utcStart, period.utcEnd, period.utcStart, period.utcEnd]);
    return reconcileCodCollections(rows.map(toFacts), period.timeZone, period);
  }
}

function toFacts(row: FactRow): CodOrderFacts {
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    orderId: row.orderId,
    currency: row.currency,
    amountDue: Number(row.amountDue),
    deliveredAt: date(row.deliveredAt),
    deliveredBy: row.deliveredBy,
    collectedAt: date(row.collectedAt),
    collectedBy: row.collectedBy,
    collectedAmount: row.collectedAmount === null ? null : Number(row.collectedAmount),
  };
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { DeProcessingRestriction } from './de-processing-restriction.entity.js';

/** Whether the customer has a restriction of processing in force (GDPR art. 18), in the caller's transaction. */
export async function isRestrictionInForce(em: EntityManager, customerRef: string): Promise<boolean> {
  return (await em.count(DeProcessingRestriction, { customerRef, liftedAt: null })) > 0;
}

/** Whether the customer behind an order restricted processing, batched per request: one wave, two queries. */
export function loadRestrictionInForceForOrder(context: RequestContext, orm: MikroORM, orderId: string): Promise<boolean> {
  return loadBatched<string, boolean>(
    context,
    'de-restriction-in-force',
    async (orderIds) => {
      const em = orm.em.fork();
      const orders = await em.find(RegionalOrder, { orderId: { $in: [...orderIds] } }, { fields: ['orderId', 'customerRef'] });
      const customers = [...new Set(orders.map((order) => order.customerRef))];
      const restricted =
        customers.length === 0
          ? []
          : await em.find(DeProcessingRestriction, { customerRef: { $in: customers }, liftedAt: null }, { fields: ['id', 'customerRef'] });
      const restrictedCustomers = new Set(restricted.map((row) => row.customerRef));
      const customerOf = new Map(orders.map((order) => [order.orderId, order.customerRef]));
      return orderIds.map((id) => restrictedCustomers.has(customerOf.get(id) ?? ''));
    },
    orderId,
  );
}

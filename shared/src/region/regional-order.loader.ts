import type { EntityName } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { canReadOrder } from '../auth/access.js';
import { ForbiddenError } from '../errors.js';
import { loadBatched, type RequestContext } from '../graphql/context.js';
import { RegionalOrder } from './regional-order.entity.js';

/**
 * Loads a region's row for an order (or null when the order is not this region's), batched per request
 * so a list of orders from the gateway costs one query per table, not one per order.
 */
export function loadByOrderId<T extends { orderId: string }>(
  context: RequestContext,
  orm: MikroORM,
  entity: EntityName<T>,
  orderId: string,
): Promise<T | null> {
  return loadBatched<string, T | null>(
    context,
    `by-order-id:${entityNameOf(entity)}`,
    async (ids) => {
      const rows = (await orm.em.fork().find(entity, { orderId: { $in: [...ids] } } as never)) as T[];
      const byId = new Map(rows.map((row) => [row.orderId, row]));
      return ids.map((id) => byId.get(id) ?? null);
    },
    orderId,
  );
}

export const loadRegionalOrder = (context: RequestContext, orm: MikroORM, orderId: string) => loadByOrderId(context, orm, RegionalOrder, orderId);

function entityNameOf(entity: EntityName<any>): string {
  if (typeof entity === 'string') return entity;
  return 'meta' in entity ? (entity.meta as { className: string }).className : (entity as { name: string }).name;
}

/**
 * The region's record of an order for the `Order.<region>` field: null when the order is another
 * region's, FORBIDDEN when the caller may not read it.
 */
export async function loadReadableRegionalOrder(context: RequestContext, orm: MikroORM, region: string, orderId: string) {
  const record = await loadRegionalOrder(context, orm, orderId);
  if (record && !canReadOrder(context.principal, { region, customerRef: record.customerRef })) {
    throw new ForbiddenError("This order is outside the caller's scope");
  }
  return record;
}

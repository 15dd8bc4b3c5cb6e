import type { EntityName } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import { RegionalOrderStatusEvent } from '@hub/shared/region/regional-order.entity';
import { CnOrderGift } from '../../orders/cn-order-gift.entity.js';
import { CnOrderLine } from '../../orders/cn-order-line.entity.js';
import { CnReturnPickup } from '../../pickups/persistence/cn-return-pickup.entity.js';
import { CnRefund } from '../../refunds/persistence/cn-refund.entity.js';
import { CnReturnLine } from '../persistence/cn-return-line.entity.js';
import { CnReturn } from '../persistence/cn-return.entity.js';

/**
 * Loads the rows of many parents in one query per request (a list of orders from the gateway costs one
 * query per table, not one per order).
 */
function loadChildren<T extends object>(
  context: RequestContext,
  orm: MikroORM,
  name: string,
  entity: EntityName<T>,
  key: keyof T & string,
  parentId: string,
  extra: object = {},
): Promise<T[]> {
  return loadBatched<string, T[]>(
    context,
    `cn:${name}`,
    async (ids) => {
      const rows = (await orm.em.fork().find(entity, { [key]: { $in: [...ids] }, ...extra } as never, { populate: ['*'] as never })) as T[];
      return ids.map((id) => rows.filter((row) => (row[key] as unknown) === id));
    },
    parentId,
  );
}

export const loadOrderLines = (c: RequestContext, orm: MikroORM, orderId: string) =>
  loadChildren(c, orm, 'order-lines', CnOrderLine, 'orderId', orderId).then((lines) => lines.sort((a, b) => a.lineNo - b.lineNo));
export const loadSigningEvents = (c: RequestContext, orm: MikroORM, orderId: string) =>
  loadChildren(c, orm, 'signing-events', RegionalOrderStatusEvent, 'orderId', orderId, { toStatus: 'SIGNED' });
export const loadOrderGifts = (c: RequestContext, orm: MikroORM, orderId: string) => loadChildren(c, orm, 'gifts', CnOrderGift, 'orderId', orderId);
export const loadReturnsOfOrder = (c: RequestContext, orm: MikroORM, orderId: string) =>
  loadChildren(c, orm, 'returns', CnReturn, 'orderId', orderId).then((rows) => rows.sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime()));
export const loadReturnLines = (c: RequestContext, orm: MikroORM, returnId: string) =>
  loadChildren(c, orm, 'return-lines', CnReturnLine, 'returnId', returnId).then((lines) => lines.sort((a, b) => a.lineNo - b.lineNo));
export const loadPickup = (c: RequestContext, orm: MikroORM, returnId: string) =>
  loadChildren(c, orm, 'pickups', CnReturnPickup, 'returnId', returnId).then((rows) => rows[0] ?? null);
export const loadRefund = (c: RequestContext, orm: MikroORM, returnId: string) =>
  loadChildren(c, orm, 'refunds', CnRefund, 'returnId', returnId).then((rows) => rows[0] ?? null);

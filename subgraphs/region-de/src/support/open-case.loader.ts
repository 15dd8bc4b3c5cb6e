import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { DeSupportCase } from './de-support-case.entity.js';

/** Whether the caller has an open case for the order, batched per request like every other lookup. */
export function hasOpenCaseForCaller(context: RequestContext, orm: MikroORM, orderId: string): Promise<boolean> {
  const assignee = context.principal.subject;
  return loadBatched<string, boolean>(
    context,
    'de-open-case-of-caller',
    async (orderIds) => {
      const open = await orm.em.fork().find(DeSupportCase, { orderId: { $in: [...orderIds] }, assignee, closedAt: null }, { fields: ['orderId'] });
      const withCase = new Set(open.map((row) => row.orderId));
      return orderIds.map((id) => withCase.has(id));
    },
    orderId,
  );
}

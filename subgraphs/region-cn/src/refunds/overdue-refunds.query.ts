import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { daysOverdue } from '../rules/refund-deadline.rules.js';
import { CnReturnLine } from '../returns/persistence/cn-return-line.entity.js';
import { CnReturn } from '../returns/persistence/cn-return.entity.js';
import { assertWorksInCn } from '../returns/order-access.js';

export interface OverdueRefund {
  ret: CnReturn;
  orderNumber: string | null;
  daysOverdue: number;
}

/**
 * Returns whose goods were received complete (at least one line) but whose refund is past its 7-day deadline
 * (CRPL art. 25(3)), oldest first, for operators to act on.
 */
export async function listOverdueRefunds(
  orm: MikroORM,
  principal: Principal,
  now: Date,
  page: { limit: number; after?: { dueBefore: Date; returnId: string } } = { limit: 200 },
): Promise<OverdueRefund[]> {
  assertWorksInCn(principal);
  const em = orm.em.fork();
  const found: OverdueRefund[] = [];
  let after = page.after;
  // Returns without a complete line owe nothing and are skipped; reading on past them keeps every page full.
  while (found.length < page.limit) {
    const keyset = after ? { $or: [{ refundDueBefore: { $gt: after.dueBefore } }, { refundDueBefore: after.dueBefore, id: { $gt: after.returnId } }] } : {};
    const due = await em.find(
      CnReturn,
      { state: 'RECEIVED', refundDueBefore: { $lte: now }, ...keyset },
      { orderBy: { refundDueBefore: 'asc', id: 'asc' }, limit: page.limit },
    );
    if (due.length === 0) break;
    const ids = due.map((ret) => ret.id);
    const owed = new Set((await em.find(CnReturnLine, { returnId: { $in: ids }, complete: true })).map((line) => line.returnId));
    const orders = new Map((await em.find(RegionalOrder, { orderId: { $in: due.map((ret) => ret.orderId) } })).map((order) => [order.orderId, order]));
    found.push(
      ...due
        .filter((ret) => owed.has(ret.id))
        .map((ret) => ({
          ret,
          orderNumber: orders.get(ret.orderId)?.orderNumber ?? null,
          daysOverdue: daysOverdue(ret.refundDueBefore!, now),
        })),
    );
    if (due.length < page.limit) break;
    const last = due.at(-1)!;
    after = { dueBefore: last.refundDueBefore!, returnId: last.id };
  }
  return found.slice(0, page.limit);
}

import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { RegionalOrderStatusEvent } from '@hub/shared/region/regional-order.entity';
import { CnOrderLine } from '../orders/cn-order-line.entity.js';
import { assessReturnEligibility, type LineReturnFacts, type LineVerdict } from '../rules/return-eligibility.rules.js';
import { OPEN_RETURN_STATES } from '../rules/return-steps.rules.js';
import { firstSignedAt, returnWindow, type ReturnWindow } from '../rules/return-window.rules.js';
import { CnReturn } from './persistence/cn-return.entity.js';

/** What decides whether an order's lines can be returned: its lines, when it was signed for, and any open return. */
export interface OrderReturnFacts {
  lines: CnOrderLine[];
  window: ReturnWindow | null;
  returnInProgress: boolean;
}

/**
 * Loads the facts; with `lock`, the order's lines are locked until the transaction ends, so concurrent
 * requests for one order are decided one after another and never claim the same units twice.
 */
export async function loadOrderReturnFacts(em: EntityManager, orderId: string, options: { lock: boolean }): Promise<OrderReturnFacts> {
  const lines = await em.find(
    CnOrderLine,
    { orderId },
    {
      orderBy: { lineNo: 'asc' },
      ...(options.lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {}),
    },
  );
  const signed = await em.find(RegionalOrderStatusEvent, { orderId, toStatus: 'SIGNED' });
  const open = await em.count(CnReturn, { orderId, state: { $in: [...OPEN_RETURN_STATES] } });
  const signedAt = firstSignedAt(signed);
  return { lines, window: signedAt ? returnWindow(signedAt) : null, returnInProgress: open > 0 };
}

export function toLineFacts(line: CnOrderLine): LineReturnFacts {
  return {
    lineNo: line.lineNo,
    quantity: line.quantity,
    exclusion: line.returnExclusion ?? null,
    customerConfirmed: line.customerConfirmed,
    claimedQuantity: line.claimedQuantity,
  };
}

export function eligibilityOf(facts: OrderReturnFacts, at: Date): LineVerdict[] {
  return assessReturnEligibility(facts.lines.map(toLineFacts), { window: facts.window, at, returnInProgress: facts.returnInProgress });
}

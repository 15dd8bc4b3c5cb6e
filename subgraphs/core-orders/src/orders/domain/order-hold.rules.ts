import type { Actor } from '@hub/shared/auth/principal';
import { ConflictError } from '@hub/shared/errors';
import type { OrderHoldRequest, OrderStatus } from '@hub/shared/messaging/contracts';

export interface HoldApproval {
  /** 1 for the first approval, up to the hold's levels. */
  level: number;
  actor: Actor;
  at: string;
  note: string | null;
}

/** An order-rule hold as core keeps it with the order: why, how many approvals it needs, who approved, when released. */
export interface OrderHold extends OrderHoldRequest {
  approvals: HoldApproval[];
  releasedAt: string | null;
}

export const holdOf = (request: OrderHoldRequest): OrderHold => ({ ...request, approvals: [], releasedAt: null });

export const isHeld = (hold: OrderHold | null | undefined): boolean => !!hold && hold.releasedAt === null;

/** While held, an order may be paid or cancelled, nothing that starts fulfilment: the review decides whether it ships. */
const ALLOWED_WHILE_HELD: ReadonlySet<OrderStatus> = new Set(['PAID', 'CANCELLED']);

export function assertHoldAllows(hold: OrderHold | null | undefined, to: OrderStatus): void {
  if (isHeld(hold) && !ALLOWED_WHILE_HELD.has(to)) {
    throw new ConflictError('The order is on hold for review; it can only be paid or cancelled until the hold is released', {
      field: 'status',
      rule: 'ORDER_ON_HOLD',
    });
  }
}

/**
 * One approval of a hold. Each level needs a different person (four-eyes between levels, as rule approvals need),
 * so one reviewer cannot release a two-level hold alone; the last level releases the order.
 */
export function approveHold(hold: OrderHold | null | undefined, approver: Actor, at: Date, note: string | null): { hold: OrderHold; released: boolean } {
  if (!hold || !isHeld(hold)) throw new ConflictError('The order is not on hold', { field: 'orderId', rule: 'ORDER_NOT_ON_HOLD' });
  if (hold.approvals.some((approval) => approval.actor.type === approver.type && approval.actor.id === approver.id)) {
    throw new ConflictError('Each approval level of a hold needs a different approver', { field: 'orderId', rule: 'HOLD_APPROVER_REPEATED' });
  }
  const approvals = [...hold.approvals, { level: hold.approvals.length + 1, actor: approver, at: at.toISOString(), note }];
  const released = approvals.length >= hold.levels;
  return { hold: { ...hold, approvals, releasedAt: released ? at.toISOString() : null }, released };
}

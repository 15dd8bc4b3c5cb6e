import type { HoldAwaitingApprovalEvent } from '@hub/shared/messaging/contracts';
import { enqueueEvent, queueEvent } from '@hub/shared/messaging/outbox';
import type { RowBatch } from '@hub/shared/persistence/insert-rows';
import type { Subjects } from '@hub/shared/messaging/subjects';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderHold } from './domain/order-hold.rules.js';
import type { Order } from './persistence/order.entity.js';

/** Reviewers of held orders: operators of the order's region and admins (roles that may already release orders' goods). */
export const HOLD_APPROVER_ROLES = ['admin', 'operator'] as const;

/**
 * Tells the approvers of a held order's next level that it waits for them, through the outbox in the same transaction
 * as the hold or approval it follows: one message per order and level (its id), so a replay notifies no one twice.
 */
export function enqueueHoldAwaitingApproval(em: EntityManager, subjects: Subjects, order: HeldOrder, hold: OrderHold, version: number, at: Date): void {
  const { subject, messageId, event } = holdAwaitingApproval(subjects, order, hold, version, at);
  enqueueEvent(em, subject, messageId, event);
}

/** The same, with the rows a registration inserts in one statement. */
export function queueHoldAwaitingApproval(batch: RowBatch, subjects: Subjects, order: HeldOrder, hold: OrderHold, version: number, at: Date): void {
  const { subject, messageId, event } = holdAwaitingApproval(subjects, order, hold, version, at);
  queueEvent(batch, subject, messageId, event);
}

type HeldOrder = Pick<Order, 'id' | 'number' | 'region' | 'currency' | 'grandTotal'>;

function holdAwaitingApproval(subjects: Subjects, order: HeldOrder, hold: OrderHold, version: number, at: Date) {
  const level = hold.approvals.length + 1;
  const event: HoldAwaitingApprovalEvent = {
    type: 'order.hold-awaiting-approval',
    orderId: order.id,
    number: order.number,
    region: order.region,
    currency: order.currency,
    grandTotal: order.grandTotal,
    level,
    levels: hold.levels,
    approverRoles: [...HOLD_APPROVER_ROLES],
    reasons: hold.reasons,
    version,
    occurredAt: at.toISOString(),
  };
  return { subject: subjects.holdAwaitingApproval(order.region), messageId: `order.hold-awaiting-approval:${order.id}:${level}`, event };
}

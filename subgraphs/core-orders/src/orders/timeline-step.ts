import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '@hub/shared/auth/principal';
import type { Order } from './persistence/order.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';

/**
 * The order's last timeline step. Read it after the order's row was updated in the same transaction: the update
 * holds the row, so a note written meanwhile (which locks it too) is seen and the next sequence is free.
 */
export const lastTimelineStep = (em: EntityManager, order: Order) => em.findOne(OrderStatusChange, { order }, { orderBy: { sequence: 'desc' } });

/** A status or hold step on the order's timeline, after `previous`, at the order's current version. */
export function appendTimelineStep(
  em: EntityManager,
  order: Order,
  previous: OrderStatusChange | null,
  step: { from: Order['status'] | null; to: Order['status']; actor: Actor; at: Date; occurredAt: Date; note: string | null; requestId?: string | null },
): void {
  em.create(OrderStatusChange, {
    order,
    sequence: (previous?.sequence ?? 0) + 1,
    fromStatus: step.from,
    toStatus: step.to,
    at: step.at,
    occurredAt: step.occurredAt,
    actorType: step.actor.type,
    actorId: step.actor.id,
    note: step.note,
    requestId: step.requestId ?? null,
    orderVersion: order.version,
  });
}

import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { assertCanReadOrder, assertMayWrite } from '@hub/shared/auth/access';
import type { Actor, Principal } from '@hub/shared/auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '@hub/shared/errors';
import { orderEventMessageId, type OrderSnapshot, type OrderStatus, type OrderStatusChangedEvent } from '@hub/shared/messaging/contracts';
import { enqueueEvent } from '@hub/shared/messaging/outbox';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { recordAudit } from '../audit/audit-recorder.js';
import { resolveEventTime } from './domain/event-time.rules.js';
import { refuseOrderSender } from './domain/command-sender.rules.js';
import { assertCanTransition, roleMayMove } from './domain/order-status.rules.js';
import { assertHoldAllows } from './domain/order-hold.rules.js';
import { SenderRefusedError } from './sender-refused.error.js';
import { toAuditState, toSnapshot } from './order-snapshot.js';
import { Order } from './persistence/order.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';
import { appendTimelineStep, lastTimelineStep } from './timeline-step.js';

export interface TransitionCommand {
  orderId: string;
  to: OrderStatus;
  /** The version the caller last saw; a newer one means someone else changed the order meanwhile. */
  expectedVersion?: number;
  note?: string;
  /** Makes a retried request harmless: the second one answers with the order as it is now. */
  requestId?: string;
  /** When the step happened, if earlier than now (a carrier's batch upload, a region's queued command). */
  occurredAt?: Date;
  /** The subgraph that sent the command, as NATS proved it; a region may move only its own region's orders. */
  sender?: string;
}

/** Moves orders through the state machine, with the timeline step, audit entry and event in one transaction. */
export class OrderTransitionService {
  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: Subjects,
    private readonly onEventsQueued: () => void,
  ) {}

  async transition(principal: Principal, actor: Actor, command: TransitionCommand): Promise<OrderSnapshot> {
    assertMayWrite(principal);
    try {
      return await this.applyOnce(principal, actor, command);
    } catch (error) {
      // The same request sent twice at once: the loser's lock or unique request id fails while the winner
      // commits, or the loser looked for the request id just before the winner committed and read the order just
      // after (a newer version than expected); asked again, it finds the winner's step and answers the same.
      const raced =
        error instanceof OptimisticLockError ||
        error instanceof UniqueConstraintViolationException ||
        (error instanceof ConflictError && error.details.field === 'expectedVersion');
      if (raced && command.requestId) return this.applyOnce(principal, actor, command).catch(asConflict);
      return asConflict(error);
    }
  }

  private async applyOnce(principal: Principal, actor: Actor, command: TransitionCommand): Promise<OrderSnapshot> {
    const snapshot = await this.orm.em.fork().transactional((em) => this.apply(em, principal, actor, command));
    this.onEventsQueued();
    return snapshot;
  }

  private async apply(em: EntityManager, principal: Principal, actor: Actor, command: TransitionCommand): Promise<OrderSnapshot> {
    if (command.requestId) {
      const earlier = await em.findOne(OrderStatusChange, { requestId: command.requestId }, { populate: ['order'] });
      if (earlier) {
        assertSenderMayMove(command, earlier.order as Order);
        return replayOf(earlier, command);
      }
    }
    const order = await em.findOne(Order, { id: command.orderId });
    if (!order) throw new NotFoundError('Order', command.orderId);
    assertCanReadOrder(principal, order);
    assertSenderMayMove(command, order);
    if (command.expectedVersion !== undefined && command.expectedVersion !== order.version) {
      throw new ConflictError('The order was changed by someone else; reload it and try again', {
        field: 'expectedVersion',
        expectedVersion: command.expectedVersion,
        actualVersion: order.version,
      });
    }
    const from = order.status;
    assertCanTransition(from, command.to, order.paymentTerms);
    assertHoldAllows(order.hold, command.to);
    if (!roleMayMove(principal.role, from, command.to)) {
      throw new ForbiddenError(`The ${principal.role} role may not move an order from ${from} to ${command.to}`);
    }
    const before = toAuditState(order);
    const at = new Date();
    order.status = command.to;
    await em.flush(); // bumps the version, or fails when a concurrent change got there first
    const previous = await lastTimelineStep(em, order);
    // Notes report what happened beside the status path; a status step follows the last status step in time.
    const lastStatusStep = previous?.event ? await em.findOne(OrderStatusChange, { order, event: null }, { orderBy: { sequence: 'desc' } }) : previous;
    const occurredAt = resolveEventTime(command.occurredAt, at, lastStatusStep?.occurredAt ?? null);
    appendTimelineStep(em, order, previous, { from, to: command.to, actor, at, occurredAt, note: command.note ?? null, requestId: command.requestId });
    recordAudit(
      em,
      {
        actor,
        actorRole: principal.role,
        action: 'order.status-changed',
        entityType: 'Order',
        entityId: order.id,
        region: order.region,
        before,
        after: toAuditState(order),
      },
      at,
    );
    const event: OrderStatusChangedEvent = {
      type: 'order.status-changed',
      orderId: order.id,
      region: order.region,
      from,
      to: command.to,
      version: order.version,
      actor,
      occurredAt: occurredAt.toISOString(),
      recordedAt: at.toISOString(),
    };
    enqueueEvent(em, this.subjects.orderStatusChanged(order.region), orderEventMessageId(event), event);
    await em.flush();
    return toSnapshot(order);
  }
}

function asConflict(error: unknown): never {
  if (error instanceof OptimisticLockError) {
    throw new ConflictError('The order was changed by someone else; reload it and try again', { field: 'expectedVersion' });
  }
  throw error;
}

/** A retried request answers with the order as it is now; the same id for a different change is a client bug. */
function assertSenderMayMove(command: TransitionCommand, order: Order): void {
  const refusal = command.sender ? refuseOrderSender(command.sender, order.region) : undefined;
  if (refusal) throw new SenderRefusedError(refusal);
}

function replayOf(earlier: OrderStatusChange, command: TransitionCommand): OrderSnapshot {
  const order = earlier.order as Order;
  if (order.id !== command.orderId || earlier.toStatus !== command.to) {
    throw new ConflictError('This requestId was already used for a different status change', { field: 'requestId' });
  }
  return toSnapshot(order);
}

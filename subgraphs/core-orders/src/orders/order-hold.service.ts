import { OptimisticLockError, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { assertCanReadOrder, assertMayWrite } from '@hub/shared/auth/access';
import type { Actor, Principal } from '@hub/shared/auth/principal';
import { ConflictError, ForbiddenError, NotFoundError } from '@hub/shared/errors';
import { orderEventMessageId, type OrderSnapshot } from '@hub/shared/messaging/contracts';
import { enqueueEvent } from '@hub/shared/messaging/outbox';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { recordAudit } from '../audit/audit-recorder.js';
import { approveHold } from './domain/order-hold.rules.js';
import { enqueueHoldAwaitingApproval, HOLD_APPROVER_ROLES } from './hold-approval-request.js';
import { orderPlacedEvent, toAuditState, toSnapshot } from './order-snapshot.js';
import { Order } from './persistence/order.entity.js';
import { appendTimelineStep, lastTimelineStep } from './timeline-step.js';

export interface HoldApprovalCommand {
  orderId: string;
  /** The version the approver reviewed; a newer one means the order changed while they looked at it. */
  expectedVersion: number;
  note?: string;
}

const APPROVER_ROLES: ReadonlySet<string> = new Set(HOLD_APPROVER_ROLES);

/**
 * Approves an order-rule hold, one level per approver: the approval is a step on the order's timeline with its
 * actor, audited; the last level releases the order, and core publishes it again for fulfilment (held false).
 */
export class OrderHoldService {
  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: Subjects,
    private readonly onEventsQueued: () => void,
  ) {}

  async approve(principal: Principal, actor: Actor, command: HoldApprovalCommand): Promise<OrderSnapshot> {
    assertMayWrite(principal);
    if (!APPROVER_ROLES.has(principal.role)) throw new ForbiddenError(`The ${principal.role} role may not approve held orders`);
    try {
      const snapshot = await this.orm.em.fork().transactional((em) => this.apply(em, principal, actor, command));
      this.onEventsQueued();
      return snapshot;
    } catch (error) {
      if (error instanceof OptimisticLockError)
        throw new ConflictError('The order was changed by someone else; reload it and try again', { field: 'expectedVersion' });
      throw error;
    }
  }

  private async apply(em: EntityManager, principal: Principal, actor: Actor, command: HoldApprovalCommand): Promise<OrderSnapshot> {
    const order = await em.findOne(Order, { id: command.orderId }, { populate: ['lines'] });
    if (!order) throw new NotFoundError('Order', command.orderId);
    assertCanReadOrder(principal, order);
    if (command.expectedVersion !== order.version) {
      throw new ConflictError('The order was changed by someone else; reload it and try again', {
        field: 'expectedVersion',
        expectedVersion: command.expectedVersion,
        actualVersion: order.version,
      });
    }
    const at = new Date();
    const before = { ...toAuditState(order), hold: order.hold };
    const { hold, released } = approveHold(order.hold, actor, at, command.note ?? null);
    order.hold = hold;
    await em.flush(); // bumps the version, or fails when a concurrent approval got there first
    const level = hold.approvals.length;
    appendTimelineStep(em, order, await lastTimelineStep(em, order), {
      from: order.status,
      to: order.status,
      actor,
      at,
      occurredAt: at,
      note: `Hold approved (${level}/${hold.levels})${released ? ', released for fulfilment' : ''}${command.note ? `: ${command.note}` : ''}`.slice(0, 500),
    });
    recordAudit(
      em,
      {
        actor,
        actorRole: principal.role,
        action: released ? 'order.hold-released' : 'order.hold-approved',
        entityType: 'Order',
        entityId: order.id,
        region: order.region,
        before,
        after: { ...toAuditState(order), hold },
      },
      at,
    );
    if (released) {
      const lines = order.lines.getItems().map((line) => ({ lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, attributes: line.attributes }));
      const event = orderPlacedEvent(order, lines, at, { held: false });
      enqueueEvent(em, this.subjects.orderPlaced(order.region), orderEventMessageId(event), event);
    } else {
      enqueueHoldAwaitingApproval(em, this.subjects, order, hold, order.version, at);
    }
    await em.flush();
    return toSnapshot(order);
  }
}

import { LockMode, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '@hub/shared/auth/principal';
import { ConflictError, NotFoundError } from '@hub/shared/errors';
import type { OrderNoteDetails, OrderNoteEvent, OrderSnapshot } from '@hub/shared/messaging/contracts';
import { refuseOrderSender } from './domain/command-sender.rules.js';
import { resolveEventTime } from './domain/event-time.rules.js';
import { describeNote } from './domain/order-note.rules.js';
import { toSnapshot } from './order-snapshot.js';
import { Order } from './persistence/order.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';
import { SenderRefusedError } from './sender-refused.error.js';

export interface NoteCommand {
  orderId: string;
  event: OrderNoteEvent;
  occurredAt: Date;
  note?: string;
  details: OrderNoteDetails;
  /** The command id: a redelivered note finds its step and adds no second one. */
  requestId: string;
  /** The subgraph that sent the command, as NATS proved it. */
  sender: string;
}

/**
 * Records what happened to an order without moving it (a re-allocation after an outage) as a step on its one
 * timeline, from = to, with the actor and the event time. A note changes nothing a client could have based a
 * write on, so it leaves the order's version alone and publishes no status event; fulfilment tells the customer.
 */
export class OrderNoteService {
  constructor(private readonly orm: MikroORM) {}

  async note(actor: Actor, command: NoteCommand): Promise<OrderSnapshot> {
    try {
      return await this.orm.em.fork().transactional((em) => this.apply(em, actor, command));
    } catch (error) {
      // The same command delivered twice at once: the loser's unique request id fails; asked again, it finds the winner's step.
      if (error instanceof UniqueConstraintViolationException) return this.orm.em.fork().transactional((em) => this.apply(em, actor, command));
      throw error;
    }
  }

  private async apply(em: EntityManager, actor: Actor, command: NoteCommand): Promise<OrderSnapshot> {
    const earlier = await em.findOne(OrderStatusChange, { requestId: command.requestId }, { populate: ['order'] });
    if (earlier) {
      const order = earlier.order as Order;
      assertSenderMayNote(command.sender, order);
      if (order.id !== command.orderId || earlier.event !== command.event) {
        throw new ConflictError('This command id was already used for a different timeline step', { field: 'commandId' });
      }
      return toSnapshot(order);
    }
    // The row lock orders this step after any status step being written now, so the two never take the same sequence.
    const order = await em.findOne(Order, { id: command.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!order) throw new NotFoundError('Order', command.orderId);
    assertSenderMayNote(command.sender, order);
    const at = new Date();
    // A note is reported after the fact and changes no status, so it is checked against the clock only: a status step
    // recorded meanwhile with a later event time does not make it wrong.
    const occurredAt = resolveEventTime(command.occurredAt, at, null);
    const previous = await em.findOne(OrderStatusChange, { order }, { orderBy: { sequence: 'desc' }, fields: ['sequence'] });
    em.create(OrderStatusChange, {
      order,
      sequence: (previous?.sequence ?? 0) + 1,
      fromStatus: order.status,
      toStatus: order.status,
      at,
      occurredAt,
      actorType: actor.type,
      actorId: actor.id,
      note: describeNote(command.event, command.details, command.note),
      event: command.event,
      details: command.details,
      requestId: command.requestId,
      orderVersion: order.version,
    });
    await em.flush();
    return toSnapshot(order);
  }
}

function assertSenderMayNote(sender: string, order: Order): void {
  const refusal = refuseOrderSender(sender, order.region);
  if (refusal) throw new SenderRefusedError(refusal);
}

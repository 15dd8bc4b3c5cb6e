import { LockMode, UniqueConstraintViolationException, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import type { Actor } from '@hub/shared/auth/principal';
import { NotFoundError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';
import { BurstBatcher, type ItemOutcome } from '@hub/shared/messaging/burst-batcher';
import type { OrderSnapshot } from '@hub/shared/messaging/contracts';
import { recordNoteBatch } from './order-note-batch.js';
import { answerRecorded, assertSenderMayNote, noteStep, type NoteCommand, type NoteToRecord } from './order-note-step.js';
import { toSnapshot } from './order-snapshot.js';
import { Order } from './persistence/order.entity.js';
import { OrderStatusChange } from './persistence/order-status-change.entity.js';

/** A relay sends up to 50 commands a pass; two relays' bursts together still make one batch. */
const MAX_BATCH = 100;

/**
 * Records what happened to an order without moving it (a re-allocation after an outage) as a step on its one
 * timeline, from = to, with the actor and the event time. A note changes nothing a client could have based a
 * write on, so it leaves the order's version alone and publishes no status event; fulfilment tells the customer.
 * Fulfilment reports an outage's thousands of re-allocations in bursts, so notes arriving together are recorded
 * together, in one transaction.
 */
export class OrderNoteService {
  private readonly batches = new BurstBatcher<NoteToRecord, OrderSnapshot>((notes) => this.noteAll(notes), { maxBatch: MAX_BATCH });

  constructor(
    private readonly orm: MikroORM,
    private readonly logger?: Logger,
  ) {}

  note(actor: Actor, command: NoteCommand): Promise<OrderSnapshot> {
    return this.batches.submit({ actor, command });
  }

  /**
   * Records the notes in one transaction, each with its own answer. When that transaction fails as a whole (a
   * redelivered note racing its twin in another batch takes the same command id), each note is recorded alone, so
   * the answers are those the notes would have had one by one.
   */
  async noteAll(notes: readonly NoteToRecord[]): Promise<Array<ItemOutcome<OrderSnapshot>>> {
    try {
      return await this.orm.em.fork().transactional((em) => recordNoteBatch(em, notes));
    } catch (error) {
      this.logger?.info({ err: error, notes: notes.length }, 'note batch not recorded together; recording each note alone');
      return Promise.all(
        notes.map(({ actor, command }) =>
          this.noteAlone(actor, command).then(
            (value): ItemOutcome<OrderSnapshot> => ({ ok: true, value }),
            (failure: unknown): ItemOutcome<OrderSnapshot> => ({ ok: false, error: failure }),
          ),
        ),
      );
    }
  }

  /** One note in its own transaction. */
  private async noteAlone(actor: Actor, command: NoteCommand): Promise<OrderSnapshot> {
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
    if (earlier) return answerRecorded({ event: earlier.event ?? null, order: earlier.order as Order }, command);
    // The row lock orders this step after any status step being written now, so the two never take the same sequence.
    const order = await em.findOne(Order, { id: command.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!order) throw new NotFoundError('Order', command.orderId);
    assertSenderMayNote(command.sender, order);
    const previous = await em.findOne(OrderStatusChange, { order }, { orderBy: { sequence: 'desc' }, fields: ['sequence'] });
    em.create(OrderStatusChange, { order, ...noteStep({ actor, command }, order, (previous?.sequence ?? 0) + 1, new Date()) });
    await em.flush();
    return toSnapshot(order);
  }
}

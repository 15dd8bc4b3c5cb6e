import type { Actor } from '@hub/shared/auth/principal';
import { ConflictError } from '@hub/shared/errors';
import type { OrderNoteDetails, OrderNoteEvent, OrderSnapshot } from '@hub/shared/messaging/contracts';
import { refuseOrderSender } from './domain/command-sender.rules.js';
import { resolveEventTime } from './domain/event-time.rules.js';
import { describeNote, isSameNote } from './domain/order-note.rules.js';
import { toSnapshot, type SnapshotFields } from './order-snapshot.js';
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

/** A note and who made it, as one item of a batch. */
export interface NoteToRecord {
  actor: Actor;
  command: NoteCommand;
}

/**
 * What a command id already on the timeline answers: the order as it is when the command is this note again, a
 * refusal when its sender may not note that order, a conflict when the id was used for another step.
 */
export function answerRecorded(recorded: { event: OrderNoteEvent | null; order: SnapshotFields }, command: NoteCommand): OrderSnapshot {
  assertSenderMayNote(command.sender, recorded.order);
  if (!isSameNote({ orderId: recorded.order.id, event: recorded.event }, command)) {
    throw new ConflictError('This command id was already used for a different timeline step', { field: 'commandId' });
  }
  return toSnapshot(recorded.order);
}

export function assertSenderMayNote(sender: string, order: Pick<SnapshotFields, 'region'>): void {
  const refusal = refuseOrderSender(sender, order.region);
  if (refusal) throw new SenderRefusedError(refusal);
}

/**
 * The step a note adds as number `sequence` of the order's timeline, recorded at `at`: from = to, the order's version
 * as it is (a note changes nothing a client could have based a write on), the operator's line from the details.
 */
export function noteStep({ actor, command }: NoteToRecord, order: Pick<SnapshotFields, 'status' | 'version'>, sequence: number, at: Date) {
  // A note is reported after the fact and changes no status, so it is checked against the clock only: a status step
  // recorded meanwhile with a later event time does not make it wrong.
  const occurredAt = resolveEventTime(command.occurredAt, at, null);
  return {
    sequence,
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
  };
}

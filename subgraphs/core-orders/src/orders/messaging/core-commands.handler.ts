import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Principal } from '@hub/shared/auth/principal';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';
import { coreCommandSchema, type CommandReply, type CoreCommand, type OrderSnapshot } from '@hub/shared/messaging/contracts';
import { isDirectRequest, senderOf } from '@hub/shared/messaging/sender-identity';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { inMessageSpan } from '@hub/shared/messaging/trace-headers';
import { refuseSender } from '../domain/command-sender.rules.js';
import type { OrderNoteService } from '../order-note.service.js';
import type { OrderRegistrationService } from '../order-registration.service.js';
import type { OrderTransitionService } from '../order-transition.service.js';
import { SenderRefusedError } from '../sender-refused.error.js';

const QUEUE_GROUP = 'core-orders';

/** Subgraphs act on core as the system: the sender has already authorised its own caller, whom it names as the actor. */
const SUBGRAPH_SERVICE: Principal = { subject: 'subgraph-service', role: 'service', regions: [] };

/**
 * Core's one entry for writes from other subgraphs: commands from their outboxes, each applied once (the
 * registration's idempotency key, or the command id as the step's request id, for status steps and notes alike). The answer is data, never
 * an exception: `rejected` when the command can never succeed as sent (a domain rule, invalid input),
 * `retry` when it might later (a concurrent change, a database error), and the sender's relay acts on it.
 */
export function subscribeCoreCommands(
  nc: NatsConnection,
  subjects: Subjects,
  logger: Logger,
  registration: OrderRegistrationService,
  transitions: OrderTransitionService,
  notes: OrderNoteService,
): Subscription {
  // Refusals per sender since start, in the log line: a region probing its neighbours' orders shows up as a rising count.
  const refusals = new Map<string, number>();
  const logRefusal = (sender: string, command: Pick<CoreCommand, 'kind' | 'commandId' | 'orderId'>, refusal: string) => {
    const count = (refusals.get(sender) ?? 0) + 1;
    refusals.set(sender, count);
    // Ids and codes only: a command's body may carry a note or an actor, which stay out of the log.
    logger.warn(
      { sender, kind: command.kind, commandId: command.commandId, orderId: command.orderId, refusal, refusalsFromSender: count },
      'command refused for its sender',
    );
  };
  const apply = async (command: CoreCommand, sender: string): Promise<OrderSnapshot> => {
    switch (command.kind) {
      case 'order.register':
        if (command.body.orderId !== command.orderId) throw new DomainError('BAD_USER_INPUT', 'The command is for another order', { field: 'orderId' });
        return registration.register(command.body);
      case 'order.transition': {
        const { actor, to, note, occurredAt } = command.body;
        return transitions.transition(SUBGRAPH_SERVICE, actor, {
          orderId: command.orderId,
          to,
          requestId: command.commandId,
          occurredAt: new Date(occurredAt),
          sender,
          ...(note ? { note } : {}),
        });
      }
      case 'order.note': {
        const { actor, event, occurredAt, note, details } = command.body;
        return notes.note(actor, {
          orderId: command.orderId,
          event,
          occurredAt: new Date(occurredAt),
          details,
          requestId: command.commandId,
          sender,
          ...(note ? { note } : {}),
        });
      }
    }
  };
  return nc.subscribe(subjects.coreCommandsAll, {
    queue: QUEUE_GROUP,
    callback: (error, message) => {
      if (error) {
        logger.error({ err: error }, 'command subscription failed');
        return;
      }
      // Relayed by JetStream: nobody asked, and nobody proved who sent it; there is no one to answer either.
      if (!isDirectRequest(message)) return;
      // In a span that continues the trace of the change the sender queued the command in.
      void inMessageSpan(message, {}, async () => {
        let reply: CommandReply;
        const parsed = coreCommandSchema.safeParse(message.json());
        const sender = senderOf(message.subject);
        const refusal = parsed.success ? refuseSender(sender, parsed.data) : undefined;
        if (!parsed.success) {
          const field = parsed.error.issues[0]?.path.join('.') ?? '';
          reply = { outcome: 'rejected', code: 'BAD_USER_INPUT', message: `Invalid command: ${field}`, details: { field } };
        } else if (refusal) {
          logRefusal(sender, parsed.data, refusal);
          reply = { outcome: 'rejected', code: 'FORBIDDEN', message: `The sender may not send this command (${refusal})`, details: { refusal } };
        } else {
          try {
            reply = { outcome: 'accepted', order: await apply(parsed.data, sender) };
          } catch (failure) {
            if (failure instanceof SenderRefusedError) logRefusal(sender, parsed.data, failure.refusal);
            reply = toReply(failure);
            if (reply.outcome === 'retry') logger.warn({ err: failure, commandId: parsed.data.commandId }, 'command not applied; the sender retries');
          }
        }
        message.respond(JSON.stringify(reply));
      });
    },
  });
}

/** A concurrent writer (CONFLICT on the version) may be gone on the next attempt; other domain errors are final. */
function toReply(failure: unknown): CommandReply {
  if (failure instanceof DomainError && !(failure.code === 'CONFLICT' && failure.details.field === 'expectedVersion')) {
    return { outcome: 'rejected', code: failure.code, message: failure.message, details: failure.details };
  }
  if (failure instanceof DomainError) return { outcome: 'retry', code: failure.code, message: failure.message };
  return { outcome: 'retry', code: 'INTERNAL_SERVER_ERROR', message: 'Internal error' };
}

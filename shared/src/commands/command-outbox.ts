import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreCommand } from '../messaging/contracts.js';
import { CoreCommandRecord } from './core-command.entity.js';

/** A command as its sender queues it; the outbox numbers it within its order. */
export type QueuedCoreCommand = Pick<CoreCommand, 'commandId' | 'orderId'> &
  (
    | { kind: 'order.register'; body: Extract<CoreCommand, { kind: 'order.register' }>['body'] }
    | { kind: 'order.transition'; body: Extract<CoreCommand, { kind: 'order.transition' }>['body'] }
  ) & {
    /** What the local change was; the relay calls that purpose's handlers when core accepts or refuses it. */
    purpose: string;
    /** The sender's own record the command follows from, handed back to the purpose's handlers. */
    localRef?: string;
  };

/** Sequence numbers handed out in a transaction that has not flushed yet, so two commands in one change stay in order. */
const unflushed = new WeakMap<EntityManager, Map<string, number>>();

/**
 * Queues a command for core in the caller's transaction: it is sent only if that transaction commits, and
 * never while it is open. Commands for one order are numbered under a transaction-scoped advisory lock, so
 * two changes to the same order get consecutive numbers whatever else they lock. Queuing a command id
 * that is already queued returns the first.
 */
export async function enqueueCoreCommand(em: EntityManager, command: QueuedCoreCommand): Promise<CoreCommandRecord> {
  await em.getConnection().execute('select pg_advisory_xact_lock(hashtext(?))', [command.orderId], 'all', em.getTransactionContext());
  const existing = await em.findOne(CoreCommandRecord, { commandId: command.commandId });
  if (existing) return existing;
  const pending = unflushed.get(em) ?? new Map<string, number>();
  unflushed.set(em, pending);
  const last =
    pending.get(command.orderId) ??
    (await em.findOne(CoreCommandRecord, { orderId: command.orderId }, { orderBy: { sequence: 'desc' }, fields: ['sequence'] }))?.sequence ??
    0;
  pending.set(command.orderId, last + 1);
  const now = new Date();
  return em.create(CoreCommandRecord, {
    commandId: command.commandId,
    orderId: command.orderId,
    sequence: last + 1,
    kind: command.kind,
    purpose: command.purpose,
    localRef: command.localRef ?? null,
    body: command.body as Record<string, unknown>,
    state: 'PENDING',
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    rejectionCode: null,
    rejectionMessage: null,
    createdAt: now,
    settledAt: null,
  });
}

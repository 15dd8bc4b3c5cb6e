import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreCommand } from '../messaging/contracts.js';
import { captureTraceContext, type TraceCarrier } from '../telemetry/trace-context.js';
import { CoreCommandRecord } from './core-command.entity.js';

/** A command as its sender queues it; the outbox numbers it within its order. */
export type QueuedCoreCommand = Pick<CoreCommand, 'commandId' | 'orderId'> &
  (
    | { kind: 'order.register'; body: Extract<CoreCommand, { kind: 'order.register' }>['body'] }
    | { kind: 'order.transition'; body: Extract<CoreCommand, { kind: 'order.transition' }>['body'] }
    | { kind: 'order.note'; body: Extract<CoreCommand, { kind: 'order.note' }>['body'] }
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
  return createCommandRecord(em, command, last + 1, new Date());
}

function createCommandRecord(em: EntityManager, command: QueuedCoreCommand, sequence: number, now: Date): CoreCommandRecord {
  return em.create(CoreCommandRecord, commandRow(command, sequence, now, captureTraceContext()));
}

function commandRow(command: QueuedCoreCommand, sequence: number, now: Date, traceContext: TraceCarrier | null) {
  return {
    commandId: command.commandId,
    orderId: command.orderId,
    sequence,
    kind: command.kind,
    purpose: command.purpose,
    localRef: command.localRef ?? null,
    body: command.body as Record<string, unknown>,
    state: 'PENDING' as const,
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastError: null,
    rejectionCode: null,
    rejectionMessage: null,
    createdAt: now,
    settledAt: null,
    traceContext,
  };
}

/**
 * Queues many commands in the caller's transaction with the same rules as `enqueueCoreCommand` (numbered per
 * order under its advisory lock, a known command id queues nothing), in three queries for the whole set instead
 * of three per command: a carrier batch can reach milestones for thousands of orders at once. Orders are locked
 * in sorted order, so two batches over the same orders cannot deadlock. Commands keep their order within an order.
 */
export async function enqueueCoreCommands(em: EntityManager, commands: readonly QueuedCoreCommand[]): Promise<void> {
  if (commands.length === 0) return;
  const orderIds = [...new Set(commands.map((command) => command.orderId))].sort();
  // Order ids are uuids (no commas): one text parameter, split in SQL, locked in the sorted order unnest keeps.
  await em
    .getConnection()
    .execute(
      "select count(pg_advisory_xact_lock(hashtext(o))) from unnest(string_to_array(?, ',')) as o",
      [orderIds.join(',')],
      'all',
      em.getTransactionContext(),
    );
  const known = new Set(
    (await em.find(CoreCommandRecord, { commandId: { $in: [...new Set(commands.map((command) => command.commandId))] } }, { fields: ['commandId'] })).map(
      (record) => record.commandId,
    ),
  );
  const pending = unflushed.get(em) ?? new Map<string, number>();
  unflushed.set(em, pending);
  const missing = orderIds.filter((orderId) => !pending.has(orderId));
  if (missing.length > 0) {
    const rows = await em.find(CoreCommandRecord, { orderId: { $in: missing } }, { fields: ['orderId', 'sequence'] });
    for (const orderId of missing) pending.set(orderId, 0);
    for (const row of rows) pending.set(row.orderId, Math.max(pending.get(row.orderId)!, row.sequence));
  }
  const now = new Date();
  const traceContext = captureTraceContext();
  const rows: Array<ReturnType<typeof commandRow>> = [];
  for (const command of commands) {
    if (known.has(command.commandId)) continue;
    known.add(command.commandId);
    const sequence = pending.get(command.orderId)! + 1;
    pending.set(command.orderId, sequence);
    rows.push(commandRow(command, sequence, now, traceContext));
  }
  // Inserted at once rather than through the unit of work: tracking every record as an entity cost more CPU than
  // the re-allocation chunk that queues them (bench/reallocation.mjs).
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    await em
      .createQueryBuilder(CoreCommandRecord)
      .insert(rows.slice(start, start + INSERT_BATCH))
      .execute();
  }
}

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 17 columns. */
const INSERT_BATCH = 2_000;

import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreCommand } from '../messaging/contracts.js';
import { captureTraceContext, traceContextParameter, type TraceCarrier } from '../telemetry/trace-context.js';
import type { RowBatch } from '../persistence/insert-rows.js';
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

/**
 * Queues the first command of an order created with the same batch, as number 1, with no lock and no look-up: until
 * the batch's insert commits no other transaction can see the order, so none can have queued a command for it or
 * queue one concurrently. Insert the batch before queuing another command for the order in the same transaction.
 */
export function queueFirstCoreCommand(batch: RowBatch, command: QueuedCoreCommand, now: Date): void {
  batch.add(CoreCommandRecord, commandRow(command, 1, now, captureTraceContext()));
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
 * Plain SQL, not the ORM: hydrating, mapping and binding every row as an entity cost more CPU than the work that
 * queued them (tracking's ingest bench: a third of its CPU, for one command per five carrier events).
 */
export async function enqueueCoreCommands(em: EntityManager, commands: readonly QueuedCoreCommand[]): Promise<void> {
  if (commands.length === 0) return;
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  const table = commandTable(em);
  const orderIds = [...new Set(commands.map((command) => command.orderId))].sort();
  // Order ids are uuids (no commas): one text parameter each time, split in SQL; locked in the sorted order unnest keeps.
  await connection.execute(
    "select count(pg_advisory_xact_lock(hashtext(o))) from unnest(string_to_array(?, ',')) as o",
    [orderIds.join(',')],
    'all',
    transaction,
  );
  // Parameters go inline through the ORM's connection, so each list travels as one JSON text.
  const commandIds = JSON.stringify([...new Set(commands.map((command) => command.commandId))]);
  const known = new Set(
    (
      await connection.execute<Array<{ command_id: string }>>(
        `select command_id from ${table} where command_id in (select jsonb_array_elements_text(?::jsonb))`,
        [commandIds],
        'all',
        transaction,
      )
    ).map((row) => row.command_id),
  );
  const pending = unflushed.get(em) ?? new Map<string, number>();
  unflushed.set(em, pending);
  const missing = orderIds.filter((orderId) => !pending.has(orderId));
  if (missing.length > 0) {
    const rows = await connection.execute<Array<{ order_id: string; last: number }>>(
      `select order_id, max(sequence)::int as last from ${table} where order_id = any(string_to_array(?, ',')::uuid[]) group by order_id`,
      [missing.join(',')],
      'all',
      transaction,
    );
    for (const orderId of missing) pending.set(orderId, 0);
    for (const row of rows) pending.set(row.order_id, row.last);
  }
  const now = new Date();
  const rows: Array<ReturnType<typeof commandRow>> = [];
  for (const command of commands) {
    if (known.has(command.commandId)) continue;
    known.add(command.commandId);
    const sequence = pending.get(command.orderId)! + 1;
    pending.set(command.orderId, sequence);
    rows.push(commandRow(command, sequence, now, null));
  }
  if (rows.length === 0) return;
  // One statement whatever the count (the relay sends by sequence, not by id).
  await connection.execute(
    `insert into ${table} (command_id, order_id, sequence, kind, purpose, local_ref, body, state, attempts, next_attempt_at, created_at, trace_context)
    select c.command_id, c.order_id, c.sequence, c.kind, c.purpose, c.local_ref, c.body, 'PENDING', 0, ?::timestamptz, ?::timestamptz, ?::jsonb
      from jsonb_to_recordset(?::jsonb) as c(command_id text, order_id uuid, sequence int, kind text, purpose text, local_ref text, body jsonb)`,
    [
      now.toISOString(),
      now.toISOString(),
      traceContextParameter(),
      JSON.stringify(
        rows.map((row) => ({
          command_id: row.commandId,
          order_id: row.orderId,
          sequence: row.sequence,
          kind: row.kind,
          purpose: row.purpose,
          local_ref: row.localRef,
          body: row.body,
        })),
      ),
    ],
    'run',
    transaction,
  );
}

/** The outbox table, schema-qualified as the ORM would address it for this entity manager. */
function commandTable(em: EntityManager): string {
  const meta = em.getMetadata().find(CoreCommandRecord)!;
  const schema = (meta.schema && meta.schema !== '*' ? meta.schema : undefined) ?? em.schema ?? em.config.getSchema(true);
  const platform = em.getPlatform();
  return schema && schema !== platform.getDefaultSchemaName()
    ? `${platform.quoteIdentifier(schema)}.${platform.quoteIdentifier(meta.tableName)}`
    : platform.quoteIdentifier(meta.tableName);
}

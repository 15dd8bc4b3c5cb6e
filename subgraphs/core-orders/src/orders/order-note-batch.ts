import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, NotFoundError } from '@hub/shared/errors';
import type { ItemOutcome } from '@hub/shared/messaging/burst-batcher';
import type { OrderNoteEvent, OrderSnapshot } from '@hub/shared/messaging/contracts';
import { answerRecorded, assertSenderMayNote, noteStep, type NoteToRecord } from './order-note-step.js';
import { toSnapshot, type SnapshotFields } from './order-snapshot.js';

const ORDER_FIELDS = `o.id, o.number, o.region, o.status, o.version, o.grand_total::float8 as "grandTotal", o.currency`;

type RecordedRow = SnapshotFields & { request_id: string; event: OrderNoteEvent | null };

/**
 * Records a batch of notes in the caller's transaction with four statements for the whole set, each note's answer
 * exactly what recording it alone would give: in arrival order, a known command id answers as recorded (also one
 * recorded earlier in the batch), an unknown order or a refused sender fails that note alone, and an order's notes
 * take consecutive numbers after its last step. Plain SQL, not the ORM: hydrating and flushing an order and a step per
 * note cost core about 4 ms of CPU each when fulfilment reports thousands of re-allocations. Errors other than a
 * note's own domain error (a unique violation from a redelivery racing its twin) fail the batch as a whole.
 */
export async function recordNoteBatch(em: EntityManager, notes: readonly NoteToRecord[]): Promise<Array<ItemOutcome<OrderSnapshot>>> {
  const connection = em.getConnection();
  const transaction = em.getTransactionContext();
  const requestIds = [...new Set(notes.map(({ command }) => command.requestId))];
  const known = await connection.execute<RecordedRow[]>(
    `select c.request_id, c.event, ${ORDER_FIELDS}
       from core_orders.order_status_change c join core_orders."order" o on o.id = c.order_id
      where c.request_id in (select jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(requestIds)],
    'all',
    transaction,
  );
  const recorded = new Map<string, { event: OrderNoteEvent | null; order: SnapshotFields }>(
    known.map((row) => [row.request_id, { event: row.event, order: row }]),
  );
  // Locked in id order, so two batches over the same orders cannot deadlock; a status step being written waits, or
  // is waited for, so the two never take the same sequence. A known command id's order is only read, as alone.
  const orderIds = [...new Set(notes.filter(({ command }) => !recorded.has(command.requestId)).map(({ command }) => command.orderId))];
  const orders = new Map<string, SnapshotFields>();
  const next = new Map<string, number>();
  if (orderIds.length > 0) {
    const locked = await connection.execute<SnapshotFields[]>(
      `select ${ORDER_FIELDS} from core_orders."order" o where o.id = any(?::uuid[]) order by o.id for update`,
      [`{${orderIds.join(',')}}`],
      'all',
      transaction,
    );
    for (const order of locked) orders.set(order.id, order);
  }
  if (orders.size > 0) {
    const last = await connection.execute<Array<{ order_id: string; last: number }>>(
      `select order_id, max(sequence)::int as last from core_orders.order_status_change where order_id = any(?::uuid[]) group by order_id`,
      [`{${[...orders.keys()].join(',')}}`],
      'all',
      transaction,
    );
    for (const row of last) next.set(row.order_id, row.last + 1);
  }
  const at = new Date();
  const steps: Array<ReturnType<typeof noteStep> & { orderId: string }> = [];
  const record = (note: NoteToRecord): OrderSnapshot => {
    const { command } = note;
    const earlier = recorded.get(command.requestId);
    if (earlier) return answerRecorded(earlier, command);
    // Uuids come back from PostgreSQL in lower case, whatever case the command used.
    const order = orders.get(command.orderId.toLowerCase());
    if (!order) throw new NotFoundError('Order', command.orderId);
    assertSenderMayNote(command.sender, order);
    const step = noteStep(note, order, next.get(order.id) ?? 1, at);
    next.set(order.id, step.sequence + 1);
    steps.push({ orderId: order.id, ...step });
    recorded.set(command.requestId, { event: command.event, order });
    return toSnapshot(order);
  };
  const outcomes = notes.map((note): ItemOutcome<OrderSnapshot> => {
    try {
      return { ok: true, value: record(note) };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error };
      throw error;
    }
  });
  if (steps.length > 0) await insertSteps(em, steps);
  return outcomes;
}

async function insertSteps(em: EntityManager, steps: ReadonlyArray<ReturnType<typeof noteStep> & { orderId: string }>): Promise<void> {
  await em.getConnection().execute(
    `insert into core_orders.order_status_change
       (order_id, sequence, from_status, to_status, at, occurred_at, actor_type, actor_id, note, event, details, request_id, order_version)
     select s.order_id, s.sequence, s.from_status, s.to_status, s.at, s.occurred_at, s.actor_type, s.actor_id, s.note, s.event, s.details,
            s.request_id, s.order_version
       from jsonb_to_recordset(?::jsonb) as s(order_id uuid, sequence int, from_status text, to_status text, at timestamptz,
            occurred_at timestamptz, actor_type text, actor_id text, note text, event text, details jsonb, request_id text, order_version int)`,
    [
      JSON.stringify(
        steps.map((step) => ({
          order_id: step.orderId,
          sequence: step.sequence,
          from_status: step.fromStatus,
          to_status: step.toStatus,
          at: step.at.toISOString(),
          occurred_at: step.occurredAt.toISOString(),
          actor_type: step.actorType,
          actor_id: step.actorId,
          note: step.note,
          event: step.event,
          details: step.details,
          request_id: step.requestId,
          order_version: step.orderVersion,
        })),
      ),
    ],
    'run',
    em.getTransactionContext(),
  );
}

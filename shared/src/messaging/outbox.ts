import type { EntityManager } from '@mikro-orm/core';
import type { RowBatch } from '../persistence/insert-rows.js';
import { captureTraceContext } from '../telemetry/trace-context.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Queues an event in the caller's transaction; the relay publishes it once that transaction commits, continuing
 * the trace of the work that queued it.
 */
export function enqueueEvent(em: EntityManager, subject: string, messageId: string, payload: Record<string, unknown>): void {
  em.create(OutboxEvent, outboxEventRow(subject, messageId, payload));
}

/** Queues an event with the rows a caller inserts in one statement (`insertRows`): it is published once they commit. */
export function queueEvent(batch: RowBatch, subject: string, messageId: string, payload: Record<string, unknown>): void {
  batch.add(OutboxEvent, outboxEventRow(subject, messageId, payload));
}

function outboxEventRow(subject: string, messageId: string, payload: Record<string, unknown>) {
  return { messageId, subject, payload, createdAt: new Date(), publishedAt: null, traceContext: captureTraceContext() };
}

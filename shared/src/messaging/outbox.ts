import type { EntityManager } from '@mikro-orm/core';
import { captureTraceContext } from '../telemetry/trace-context.js';
import { OutboxEvent } from './outbox-event.entity.js';

/**
 * Queues an event in the caller's transaction; the relay publishes it once that transaction commits, continuing
 * the trace of the work that queued it.
 */
export function enqueueEvent(em: EntityManager, subject: string, messageId: string, payload: Record<string, unknown>): void {
  em.create(OutboxEvent, { messageId, subject, payload, createdAt: new Date(), publishedAt: null, traceContext: captureTraceContext() });
}

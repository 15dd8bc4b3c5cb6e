import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * An event waiting to be published, written in the same transaction as the change it describes,
 * so a process that dies after the commit still publishes it on the next relay pass.
 */
export const OutboxEvent = defineEntity({
  name: 'OutboxEvent',
  tableName: 'outbox_event',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    messageId: p.string().length(200).unique(),
    subject: p.string().length(200),
    payload: p.json<Record<string, unknown>>(),
    createdAt: p.datetime().onCreate(() => new Date()),
    publishedAt: p.datetime().nullable().index(),
    /** The trace of the change that queued the event, so the message continues it (W3C `traceparent`/`tracestate`). */
    traceContext: p.json<Record<string, string>>().nullable(),
  },
});
export type OutboxEvent = InferEntity<typeof OutboxEvent>;

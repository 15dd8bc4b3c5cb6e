import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CoreCommandKind } from '../messaging/contracts.js';

export const CORE_COMMAND_STATES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type CoreCommandState = (typeof CORE_COMMAND_STATES)[number];

/**
 * A write this subgraph asks core to make, stored in the same transaction as the local change it follows
 * from, and sent by the command relay once that transaction has committed. A command core refuses stays
 * here as REJECTED with core's reason: the visible record of what the centre did not take.
 */
export const CoreCommandRecord = defineEntity({
  name: 'CoreCommandRecord',
  tableName: 'core_command',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    commandId: p.string().length(200).unique(),
    orderId: p.uuid(),
    /** 1, 2, 3… per order: the relay sends an order's commands one at a time, in this order. */
    sequence: p.integer(),
    kind: p.string().length(40).$type<CoreCommandKind>(),
    /** What the local change was (`order.place`, `cn.return.request`…); picks what is undone on a refusal. */
    purpose: p.string().length(60),
    /** The sender's own record the command follows from (a return's id…), for the purpose's handlers. */
    localRef: p.string().length(200).nullable(),
    body: p.json<Record<string, unknown>>(),
    state: p.string().length(16).$type<CoreCommandState>(),
    attempts: p.integer().default(0),
    nextAttemptAt: p.datetime(),
    /** A relay that claimed the command owns it until then; a relay that died loses it to the next one. */
    leaseUntil: p.datetime().nullable(),
    lastError: p.string().length(500).nullable(),
    rejectionCode: p.string().length(64).nullable(),
    rejectionMessage: p.string().length(500).nullable(),
    createdAt: p.datetime(),
    settledAt: p.datetime().nullable(),
    /** The trace of the change that queued the command, which its request to core continues (W3C `traceparent`/`tracestate`). */
    traceContext: p.json<Record<string, string>>().nullable(),
  },
  uniques: [{ properties: ['orderId', 'sequence'] }],
  indexes: [
    /** The relay's claim: is a pending command the oldest of its order? */
    { name: 'core_command_pending_index', properties: ['orderId', 'sequence'], where: `state = 'PENDING'` },
    /** The relay's claim: pending commands in the order they come due. */
    { name: 'core_command_due_index', properties: ['nextAttemptAt', 'id'], where: `state = 'PENDING'` },
    /** Operators' list of what core refused. */
    { name: 'core_command_rejected_index', properties: ['settledAt'], where: `state = 'REJECTED'` },
  ],
});
export type CoreCommandRecord = InferEntity<typeof CoreCommandRecord>;

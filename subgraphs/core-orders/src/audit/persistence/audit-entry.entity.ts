import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One change to master data, as it was: who, when, what, and the state before and after. The table is
 * append-only (a database trigger rejects UPDATE and DELETE), so the trail cannot be rewritten from code.
 */
export const AuditEntry = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  triggers: [
    {
      name: 'audit_entry_append_only',
      timing: 'before',
      events: ['update', 'delete', 'truncate'],
      forEach: 'statement',
      body: `raise exception 'audit_entry is append-only';`,
    },
  ],
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().index(),
    actorType: p.string().length(16),
    actorId: p.string().length(200).index(),
    actorRole: p.string().length(16),
    action: p.string().length(64),
    entityType: p.string().length(64),
    entityId: p.string().length(200).index(),
    region: p.string().length(16).nullable(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export type AuditEntry = InferEntity<typeof AuditEntry>;

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * One catalogue change as it was: who, when, which catalogue version, and the item before and after (of a price list, its
 * header and only the prices the change touched: `price-lists/domain/price-list-audit.ts`). Append-only (trigger).
 */
export const CatalogueAuditEntry = defineEntity({
  name: 'CatalogueAuditEntry',
  tableName: 'catalogue_audit_entry',
  properties: {
    id: p.bigint('number').primary().autoincrement(),
    at: p.datetime().index(),
    actorId: p.string().length(200).index(),
    actorRole: p.string().length(32),
    action: p.string().length(64),
    entityType: p.string().length(32),
    entityId: p.string().length(100).index(),
    catalogueVersion: p.integer(),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
  },
});
export type CatalogueAuditEntry = InferEntity<typeof CatalogueAuditEntry>;

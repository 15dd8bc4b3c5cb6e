import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '@hub/shared/auth/principal';
import type { RowBatch } from '@hub/shared/persistence/insert-rows';
import { AuditEntry } from './persistence/audit-entry.entity.js';

export interface AuditRecord {
  actor: Actor;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  region?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Adds an audit entry to the caller's unit of work, so it commits (or not) with the change it describes. */
export function recordAudit(em: EntityManager, record: AuditRecord, at = new Date()): void {
  em.create(AuditEntry, auditRow(record, at));
}

/** Adds an audit entry to the rows a change inserts in one statement (`insertRows`), so it commits (or not) with them. */
export function queueAudit(batch: RowBatch, record: AuditRecord, at = new Date()): void {
  batch.add(AuditEntry, auditRow(record, at));
}

function auditRow(record: AuditRecord, at: Date) {
  return {
    at,
    actorType: record.actor.type,
    actorId: record.actor.id,
    actorRole: record.actorRole,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId,
    region: record.region ?? null,
    before: record.before ?? null,
    after: record.after ?? null,
  };
}

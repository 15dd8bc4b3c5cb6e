import type { EntityManager } from '@mikro-orm/postgresql';
import { DePrivacyLog, type PrivacyAction } from './de-privacy-log.entity.js';

export interface PrivacyLogEntry {
  customerRef: string;
  orderId: string | null;
  action: PrivacyAction;
  fields: string[];
  legalBasis: string;
  actor: string;
}

/** Queues a privacy-log row in the caller's transaction, so the record and the change commit together. */
export function recordPrivacyAction(em: EntityManager, at: Date, entry: PrivacyLogEntry): void {
  em.create(DePrivacyLog, { at, ...entry });
}

import type { Principal } from '../auth/principal.js';
import { loaderFor, type RequestContext } from '../graphql/context.js';
import { insertRows, RowBatch } from '../persistence/insert-rows.js';
import type { MikroORM } from '../persistence/orm.js';
import { PersonalDataAccessLog } from './personal-data.access-log.entity.js';
import type { DenialReason, Disclosure } from './personal-data.policy.js';

export interface AccessLogEntry {
  orderId: string;
  field: string;
  disclosure: Disclosure | 'DENIED' | 'ERASED';
  reason: DenialReason | null;
}

interface Pending {
  entries: AccessLogEntry[];
  settle: (error?: unknown) => void;
}

/**
 * Collects a request's personal-data reads and writes them in one INSERT per resolution wave (all fields
 * resolved in the same turn of the event loop). A value is returned only after its read is on record, so
 * a failing log fails the read instead of leaving it unrecorded.
 */
export class AccessLogRecorder {
  private pending: Pending[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly principal: Principal,
    private readonly clock: () => Date,
  ) {}

  record(...entries: AccessLogEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ entries, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const at = this.clock();
    const { subject, role, purpose } = this.principal;
    const rows = new RowBatch();
    for (const { entries } of batch)
      for (const entry of entries) rows.add(PersonalDataAccessLog, { at, actorSubject: subject, actorRole: role, purpose: purpose ?? null, ...entry });
    try {
      await insertRows(this.orm.em.fork(), rows);
      batch.forEach(({ settle }) => settle());
    } catch (error) {
      batch.forEach(({ settle }) => settle(error ?? new Error('access log write failed')));
    }
  }
}

/** The request's recorder: one per request, so batches never mix callers. */
export const accessLogOf = (context: RequestContext, orm: MikroORM, clock: () => Date): AccessLogRecorder =>
  loaderFor(context, 'personal-data-access-log', () => new AccessLogRecorder(orm, context.principal, clock));

import { LockMode } from '@mikro-orm/core';
import type { Logger } from '@hub/shared/logger';
import type { MikroORM } from '@hub/shared/persistence/orm';
import type { BackgroundJob } from '@hub/shared/subgraph/subgraph-app';
import { restrictedValue } from '../privacy/personal-data.source.js';
import { berlinDate, yearOf } from '../rules/calendar.rules.js';
import { INVOICE_RETAINED_FIELDS } from '../rules/personal-fields.js';
import { RETENTION_CLASSES, selectDueForDeletion, type RetentionClass } from '../rules/retention.rules.js';
import { DeRestrictedInvoiceData } from './de-restricted-invoice-data.entity.js';
import { recordPrivacyAction } from './privacy-log.js';

export const RETENTION_JOB_ACTOR = 'system:region-de-retention-job';

/**
 * Deletes restricted data whose retention period has ended, as of `now`, in batches. Rows are claimed with
 * SKIP LOCKED so replicas can run it at once; the decision itself is `selectDueForDeletion`.
 */
export async function runRetentionJob(orm: MikroORM, now: Date, batchSize = 500): Promise<number> {
  const year = yearOf(berlinDate(now));
  // Only records at least `years` calendar years old can be due; the pure rule makes the final decision.
  const candidates = (Object.keys(RETENTION_CLASSES) as RetentionClass[]).map((retentionClass) => ({
    retentionClass,
    documentDate: { $lt: `${year - RETENTION_CLASSES[retentionClass].years}-01-01` },
  }));
  let deleted = 0;
  for (;;) {
    const count = await orm.em.fork().transactional(async (em) => {
      const rows = await em.find(DeRestrictedInvoiceData, { $or: candidates }, { limit: batchSize, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE });
      const due = selectDueForDeletion(now, rows);
      const byId = new Map(rows.map((row) => [row.orderId, row]));
      for (const deletion of due) {
        const row = byId.get(deletion.orderId)!;
        recordPrivacyAction(em, now, {
          customerRef: row.customerRef,
          orderId: deletion.orderId,
          action: 'DELETED',
          fields: [...INVOICE_RETAINED_FIELDS].filter((field) => restrictedValue(row, field) !== null),
          legalBasis: deletion.legalBasis,
          actor: RETENTION_JOB_ACTOR,
        });
      }
      if (due.length > 0) await em.nativeDelete(DeRestrictedInvoiceData, { orderId: { $in: due.map((d) => d.orderId) } });
      await em.flush();
      return { due: due.length, full: rows.length === batchSize };
    });
    deleted += count.due;
    if (!count.full || count.due === 0) return deleted;
  }
}

/** The retention job for the subgraph starter, which runs it at start-up and then every `intervalMs`. */
export function retentionJob(orm: MikroORM, logger: Logger, intervalMs: number, clock: () => Date): BackgroundJob {
  return {
    name: 'retention',
    intervalMs,
    async run() {
      const deleted = await runRetentionJob(orm, clock());
      if (deleted > 0) logger.info({ deleted }, 'retention job deleted restricted records whose retention ended');
    },
  };
}

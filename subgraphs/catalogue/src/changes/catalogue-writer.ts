import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { traceContextParameter } from '@hub/shared/telemetry/trace-context';
import type { CatalogueProblem } from '@hub/shared/catalogue/problem';
import type { PriceListFacts } from '@hub/shared/catalogue/pricing/price-list.rules';
import type { ProductFacts } from '@hub/shared/catalogue/products/product.rules';
import {
  catalogueChangeMessageId,
  catalogueChangeSubject,
  type CatalogueChange,
  type CatalogueSubjects,
} from '@hub/shared/catalogue/replication/catalogue-contracts';
import { priceListChanges } from '@hub/shared/catalogue/replication/price-list-parts';

/** What one use case hands back from inside the change's transaction. */
export interface ChangeScope {
  em: EntityManager;
  /** The catalogue version this change creates. */
  catalogueVersion: number;
  audit(entry: { action: string; entityType: 'Product' | 'PriceList'; entityId: string; before: object | null; after: object | null }): void;
  /**
   * Replicates an item as it is after this change (published after commit through the outbox); a price list too
   * large for one message goes out in parts.
   */
  publish(item: { kind: 'product'; product: ProductFacts } | { kind: 'price-list'; priceList: PriceListFacts }): void;
}

/**
 * Runs every catalogue change the same way: one transaction that takes the next catalogue version (the counter row's
 * lock also serialises writers, so an overlap check cannot race another), the change itself, an audit entry per
 * item and an outbox message per item. Nothing is written when `apply` throws or returns refusals.
 */
export class CatalogueWriter {
  constructor(
    private readonly orm: MikroORM,
    private readonly subjects: CatalogueSubjects,
    private readonly onCommitted: (catalogueVersion: number) => void,
  ) {}

  async change<T>(principal: Principal, apply: (scope: ChangeScope) => Promise<T | Refused>): Promise<T | Refused> {
    let committedVersion: number | null = null;
    const result = await this.orm.em
      .fork()
      .transactional(async (em) => {
        const [row] = await em
          .getConnection()
          .execute<Array<{ version: number }>>(
            'update catalogue.catalogue_state set version = version + 1 where id = 1 returning version',
            [],
            'all',
            em.getTransactionContext(),
          );
        const catalogueVersion = row!.version;
        const at = new Date();
        const audits: object[] = [];
        const events: Array<{ message_id: string; subject: string; payload: CatalogueChange }> = [];
        const scope: ChangeScope = {
          em,
          catalogueVersion,
          audit: (entry) => {
            audits.push({ ...entry, actor_id: principal.subject, actor_role: principal.role, entity_type: entry.entityType, entity_id: entry.entityId });
          },
          publish: (item) => {
            const changes: CatalogueChange[] = item.kind === 'product' ? [{ ...item, catalogueVersion }] : priceListChanges(item.priceList, catalogueVersion);
            for (const change of changes)
              events.push({ message_id: catalogueChangeMessageId(change), subject: catalogueChangeSubject(this.subjects, change), payload: change });
          },
        };
        const outcome = await apply(scope);
        // A refusal rolls the version back with everything else: versions without a change are never seen.
        if (outcome instanceof Refused) throw outcome;
        await em.flush();
        await insertAuditsAndEvents(em, catalogueVersion, at, audits, events);
        committedVersion = catalogueVersion;
        return outcome;
      })
      .catch((error: unknown) => {
        if (error instanceof Refused) return error;
        throw error;
      });
    if (committedVersion !== null) this.onCommitted(committedVersion);
    return result;
  }
}

/**
 * Audit entries and outbox rows in two statements, however many items the change touched: an import of thousands
 * of products would otherwise spend seconds flushing entities one batch at a time.
 */
async function insertAuditsAndEvents(em: EntityManager, catalogueVersion: number, at: Date, audits: object[], events: object[]): Promise<void> {
  const connection = em.getConnection();
  const tx = em.getTransactionContext();
  if (audits.length > 0) {
    await connection.execute(
      `insert into catalogue.catalogue_audit_entry (at, actor_id, actor_role, action, entity_type, entity_id, catalogue_version, before, after)
       select ?, r.actor_id, r.actor_role, r.action, r.entity_type, r.entity_id, ?, r.before, r.after
         from jsonb_to_recordset(?::jsonb) as r(actor_id varchar, actor_role varchar, action varchar, entity_type varchar, entity_id varchar, before jsonb, after jsonb)`,
      [at, catalogueVersion, JSON.stringify(audits)],
      'run',
      tx,
    );
  }
  if (events.length > 0) {
    await connection.execute(
      `insert into catalogue.outbox_event (message_id, subject, payload, created_at, trace_context)
       select r.message_id, r.subject, r.payload, ?, ?::jsonb from jsonb_to_recordset(?::jsonb) as r(message_id varchar, subject varchar, payload jsonb)`,
      [at, traceContextParameter(), JSON.stringify(events)],
      'run',
      tx,
    );
  }
}

/** The expected outcome of a refused change: problems for `userErrors`, nothing written. */
export class Refused {
  constructor(readonly problems: readonly CatalogueProblem[]) {}
}

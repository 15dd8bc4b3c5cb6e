import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import type { CatalogueProblem } from '@hub/shared/catalogue/problem';
import { catalogueChangeMessageId, type CatalogueChange, type CatalogueSubjects } from '@hub/shared/catalogue/replication/catalogue-contracts';
import { enqueueEvent } from '@hub/shared/messaging/outbox';
import { CatalogueAuditEntry } from '../audit/catalogue-audit-entry.entity.js';

/** What one use case hands back from inside the change's transaction. */
export interface ChangeScope {
  em: EntityManager;
  /** The catalogue version this change creates. */
  catalogueVersion: number;
  audit(entry: { action: string; entityType: 'Product' | 'PriceList'; entityId: string; before: object | null; after: object | null }): void;
  /** Replicates an item as it is after this change (published after commit through the outbox). */
  publish(change: Omit<CatalogueChange, 'catalogueVersion'> & Record<string, unknown>): void;
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
    const result = await this.orm.em.fork().transactional(async (em) => {
      const [row] = await em.getConnection().execute<Array<{ version: number }>>(
        'update catalogue.catalogue_state set version = version + 1 where id = 1 returning version', [], 'all', em.getTransactionContext());
      const catalogueVersion = row!.version;
      const at = new Date();
      const scope: ChangeScope = {
        em,
        catalogueVersion,
        audit: (entry) => {
          em.create(CatalogueAuditEntry, {
            at, actorId: principal.subject, actorRole: principal.role, catalogueVersion, ...entry,
            before: entry.before as Record<string, unknown> | null, after: entry.after as Record<string, unknown> | null,
          });
        },
        publish: (item) => {
          const change = { ...item, catalogueVersion } as CatalogueChange;
          const subject = change.kind === 'product' ? this.subjects.product(change.product.sku) : this.subjects.priceList(change.priceList.id);
          enqueueEvent(em, subject, catalogueChangeMessageId(change), change as unknown as Record<string, unknown>);
        },
      };
      const outcome = await apply(scope);
      // A refusal rolls the version back with everything else: versions without a change are never seen.
      if (outcome instanceof Refused) throw outcome;
      await em.flush();
      committedVersion = catalogueVersion;
      return outcome;
    }).catch((error: unknown) => {
      if (error instanceof Refused) return error;
      throw error;
    });
    if (committedVersion !== null) this.onCommitted(committedVersion);
    return result;
  }
}

/** The expected outcome of a refused change: problems for `userErrors`, nothing written. */
export class Refused {
  constructor(readonly problems: readonly CatalogueProblem[]) {}
}

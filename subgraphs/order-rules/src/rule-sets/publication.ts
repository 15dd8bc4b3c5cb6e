import type { EntityManager } from '@mikro-orm/postgresql';
import { enqueueEvent } from '@hub/shared/messaging/outbox';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { rulePublicationMessageId, type RulesSubjects } from '@hub/shared/rules/replication/rules-contracts';
import type { RuleSetRecord, RuleSetStore, VersionRecord } from './rule-set.store.js';

/** The publication of a rule set: every published version not yet over, oldest first. */
export function publicationOf(ruleSet: RuleSetRecord, publication: number, published: VersionRecord[], at: Date): RuleSetPublication {
  return {
    ruleSet: ruleSet.key,
    module: ruleSet.module,
    scope: ruleSet.scope,
    publication,
    publishedAt: at.toISOString(),
    versions: published
      .filter((version) => version.status === 'PUBLISHED' && (version.effectiveTo === null || version.effectiveTo > at))
      .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())
      .map((version) => ({
        version: version.number,
        effectiveFrom: version.effectiveFrom.toISOString(),
        effectiveTo: version.effectiveTo?.toISOString() ?? null,
        rules: version.rules,
      })),
  };
}

/**
 * Queues the rule set's new publication in the caller's transaction: it reaches the regions only if the change
 * commits, and its message id (rule set + publication number) makes a republish harmless.
 */
export async function queuePublication(
  em: EntityManager,
  store: RuleSetStore,
  subjects: RulesSubjects,
  ruleSet: RuleSetRecord,
  at: Date,
): Promise<RuleSetPublication> {
  const number = await store.nextPublication(ruleSet.id);
  const published = await store.versions([ruleSet.id], 'PUBLISHED');
  const payload = publicationOf(ruleSet, number, published, at);
  enqueueEvent(em, subjects.ruleSet(ruleSet.key), rulePublicationMessageId(payload), payload as unknown as Record<string, unknown>);
  return payload;
}

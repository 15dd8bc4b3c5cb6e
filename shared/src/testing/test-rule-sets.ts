import { jetstream } from '@nats-io/jetstream';
import type { BaseEnv } from '../env.js';
import { connectTestNats } from './harness.js';
import type { RuleSetPublication } from '../rules/domain/rule.js';
import type { RuleModule } from '../rules/domain/rule-modules.js';
import { ensureRulesStream, rulePublicationMessageId, rulesSubjectsFor } from '../rules/replication/rules-contracts.js';

/**
 * Publishes a rule set's publication on a test's namespace exactly as the order-rules service replicates it (its
 * subject, on the rules stream, with the message id its outbox gives it), so a region under test holds it without
 * order-rules running.
 */
export async function publishTestRuleSet(env: BaseEnv, publication: RuleSetPublication): Promise<void> {
  const nc = await connectTestNats(env, 'test-order-rules');
  try {
    const subjects = rulesSubjectsFor(env.NATS_NAMESPACE);
    await ensureRulesStream(nc, subjects);
    await jetstream(nc).publish(subjects.ruleSet(publication.ruleSet), JSON.stringify(publication), { msgID: rulePublicationMessageId(publication) });
  } finally {
    await nc.close();
  }
}

/**
 * A rule set as a test publishes it: one version in force since 2020 for one region, its rules in priority order
 * (the first is tried first), published once.
 */
export function testRuleSet(options: {
  region: string;
  ruleSet: string;
  module: RuleModule;
  version?: number;
  rules: Array<{ id: string; condition: string; value?: string; target?: string; message: string }>;
}): RuleSetPublication {
  return {
    ruleSet: options.ruleSet,
    module: options.module,
    scope: { region: options.region, channel: null, customerSegment: null },
    publication: 1,
    publishedAt: '2026-01-01T00:00:00.000Z',
    versions: [
      {
        version: options.version ?? 1,
        effectiveFrom: '2020-01-01T00:00:00.000Z',
        effectiveTo: null,
        rules: options.rules.map((rule, index) => ({ ...rule, description: '', priority: index + 1 })),
      },
    ],
  };
}

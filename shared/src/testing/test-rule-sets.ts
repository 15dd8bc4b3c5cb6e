import { jetstream } from '@nats-io/jetstream';
import type { BaseEnv } from '../env.js';
import { connectTestNats } from './harness.js';
import type { RuleSetPublication } from '../rules/domain/rule.js';
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

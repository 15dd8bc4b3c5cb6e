import type { NoticeUrgency } from './notice-delivery.js';
import type { NoticeIntent } from './notice-contracts.js';

/** What the order's notification rules decided at placement (issue 14): notice kinds kept from the customer or sent at once. */
export interface NoticeRulesDecision {
  suppressed: readonly string[];
  urgent: readonly string[];
}

/**
 * Applies an order's notification rules to a notice intent: a suppressed kind (the intent's topic) is not sent, an
 * urgent one goes out even in the customer's quiet hours; without rules the intent's own urgency stands. Suppression
 * wins over urgency, as it does when the rules are evaluated.
 */
export function applyNoticeRules(
  decision: NoticeRulesDecision | null,
  intent: Pick<NoticeIntent, 'topic' | 'urgency'>,
): { send: false } | { send: true; urgency: NoticeUrgency } {
  const urgency = intent.urgency ?? 'NORMAL';
  if (!decision) return { send: true, urgency };
  if (decision.suppressed.includes(intent.topic)) return { send: false };
  return { send: true, urgency: decision.urgent.includes(intent.topic) ? 'URGENT' : urgency };
}

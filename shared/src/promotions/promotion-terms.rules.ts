import type { OrderContext, PricingOutcomeContext } from '../rules/domain/order-context.js';
import type { RuleBook } from '../rules/domain/rule-book.js';
import { runModule, type RuleHit, type RuleVersionUsed } from '../rules/domain/rule-evaluation.js';

/** A presale's terms as the PRESALE rules in force set them for one order (定金膨胀: a deposit that counts for more). */
export interface PresaleTerms {
  /** Cash paid at placement, minor units. */
  deposit: number;
  /** What the deposit counts for against the final payment (at least the deposit). */
  countsAs: number;
  finalOpensAt: string;
  finalClosesAt: string;
  /** Minutes before the window closes at which the customer is reminded, largest first. */
  remindBeforeMinutes: number[];
  /** The rule that set the deposit, named on the order. */
  ruleSet: string;
  version: number;
}

/** Points terms in force for an order; a null term means that side is off (no earning, or no spending). */
export interface PointsPolicy {
  /** Points per 100 minor units paid in cash. */
  earnPer100: number | null;
  /** Minor units one point pays. */
  pointValue: number | null;
  /** The most of the payable (after deposit expansion) points may pay, in basis points; 10,000 when no rule caps it. */
  spendCapBp: number;
}

export const MAX_PRESALE_REMINDERS = 5;

/** The first matching rule per term wins, as allocation weights do: a later rule set cannot override a campaign's term. */
function termsOf(hits: readonly RuleHit[]): Map<string, { value: number; hit: RuleHit }> {
  const terms = new Map<string, { value: number; hit: RuleHit }>();
  for (const hit of hits) {
    if (!hit.target || terms.has(hit.target) || hit.target === 'REMIND_BEFORE_MINUTES') continue;
    terms.set(hit.target, { value: Number(hit.value), hit });
  }
  return terms;
}

export type PresaleDecision =
  | { kind: 'NONE'; handledWith: RuleVersionUsed[] }
  | { kind: 'PRESALE'; terms: PresaleTerms; handledWith: RuleVersionUsed[] }
  /** Rules that set a deposit without a usable window: the order is refused (fail closed), never sold at the wrong terms. */
  | { kind: 'INVALID'; message: string; handledWith: RuleVersionUsed[] };

/**
 * The PRESALE module for one order: a presale when a rule sets a positive DEPOSIT; the first such rule's rule set is
 * the campaign, and its other terms come from that rule set only. The window must be open-ended
 * in the future and well formed, and the deposit counts for at least itself (an expansion never shrinks a deposit).
 */
export function evaluatePresaleRules(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date): PresaleDecision {
  const run = runModule(book, 'PRESALE', order, at, pricing);
  const { handledWith } = run;
  if (run.failures.length > 0) return { kind: 'INVALID', message: 'A presale rule could not be evaluated for this order.', handledWith };
  // One campaign's terms: the rule set whose deposit applies sets the rest, so two presales never mix their windows.
  const depositHit = run.hits.find((hit) => hit.target === 'DEPOSIT' && Number(hit.value) > 0);
  if (!depositHit) return { kind: 'NONE', handledWith };
  const campaign = run.hits.filter((hit) => hit.ruleSet === depositHit.ruleSet && hit.version === depositHit.version);
  const terms = termsOf(campaign);
  const deposit = terms.get('DEPOSIT')!;
  const countsAs = terms.get('COUNTS_AS')?.value ?? deposit.value;
  const opens = terms.get('FINAL_OPENS_AT')?.value;
  const closes = terms.get('FINAL_CLOSES_AT')?.value;
  if (!Number.isSafeInteger(deposit.value) || !Number.isSafeInteger(countsAs) || countsAs < deposit.value) {
    return { kind: 'INVALID', message: 'The presale deposit must count for at least itself.', handledWith };
  }
  if (opens === undefined || closes === undefined || !(opens < closes) || closes * 1000 <= at.getTime()) {
    return { kind: 'INVALID', message: 'The presale has no final-payment window that closes in the future.', handledWith };
  }
  const reminders = campaign
    .filter((hit) => hit.target === 'REMIND_BEFORE_MINUTES')
    .map((hit) => Number(hit.value))
    .filter((minutes) => Number.isSafeInteger(minutes) && minutes > 0);
  return {
    kind: 'PRESALE',
    handledWith,
    terms: {
      deposit: deposit.value,
      countsAs,
      finalOpensAt: new Date(opens * 1000).toISOString(),
      finalClosesAt: new Date(closes * 1000).toISOString(),
      remindBeforeMinutes: [...new Set(reminders)].sort((a, b) => b - a).slice(0, MAX_PRESALE_REMINDERS),
      ruleSet: deposit.hit.ruleSet,
      version: deposit.hit.version,
    },
  };
}

/** The POINTS module for one order: which terms are on, each from the first matching rule; nonsense values switch a term off. */
export function evaluatePointsRules(
  book: RuleBook,
  order: OrderContext,
  pricing: PricingOutcomeContext,
  at: Date,
): { policy: PointsPolicy; handledWith: RuleVersionUsed[] } {
  const run = runModule(book, 'POINTS', order, at, pricing);
  const terms = termsOf(run.hits);
  const positive = (term: string) => {
    const value = terms.get(term)?.value;
    return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : null;
  };
  const cap = terms.get('SPEND_CAP_BP')?.value;
  return {
    policy: {
      earnPer100: positive('EARN_PER_100'),
      pointValue: positive('POINT_VALUE'),
      spendCapBp: cap === undefined || !Number.isFinite(cap) ? 10_000 : Math.min(10_000, Math.max(0, Math.trunc(cap))),
    },
    handledWith: run.handledWith,
  };
}

import type { OrderRuleFacts } from '@hub/shared/messaging/contracts';
import type { RuleBook } from '@hub/shared/rules/domain/rule-book';
import { evaluateAllocationWeights, type RuleVersionUsed } from '@hub/shared/rules/domain/rule-evaluation';
import { orderContextOfFacts } from '@hub/shared/rules/order-rule-facts';
import type { AllocationWeights } from './allocation.types.js';
import { weightsKey, weightsWithRules } from './rule-weights.js';

/** What fulfilment keeps of an order for its rules: the facts placement sent, and the currency the event named. */
export type StoredRuleFacts = OrderRuleFacts & { currency: string };

/** The weights one order is planned with, and the rules behind them; recorded on its shipments. */
export interface OrderWeights {
  weights: AllocationWeights;
  key: string;
  /** Null when no allocation-weight rule set is in force for the order (or it has no facts): the channel's weights. */
  rules: { applied: Partial<AllocationWeights>; ignored: string[]; versions: RuleVersionUsed[]; mayBeBehind: boolean } | null;
}

/**
 * An order's allocation weights: its channel's, with the allocation-weight rules in force for its own facts on top
 * (a rule scoped to a channel, a segment or a destination applies only where it matches). Evaluated in memory from
 * fulfilment's copy of the rule book at the instant of allocation.
 */
export function orderWeightsOf(
  rules: { book: RuleBook; mayBeBehind: boolean } | null,
  order: { region: string; channel: string; facts: StoredRuleFacts | null },
  base: AllocationWeights,
  at: Date,
): OrderWeights {
  if (!rules || !order.facts) return { weights: base, key: weightsKey(base), rules: null };
  const { currency, ...facts } = order.facts;
  const { context, pricing } = orderContextOfFacts({ region: order.region, channel: order.channel, currency }, facts);
  const outcome = evaluateAllocationWeights(rules.book, context, pricing, at);
  if (outcome.handledWith.length === 0) return { weights: base, key: weightsKey(base), rules: null };
  const ruled = weightsWithRules(base, outcome.weights);
  return {
    weights: ruled.weights,
    key: weightsKey(ruled.weights),
    rules: { applied: ruled.applied, ignored: ruled.ignored, versions: outcome.handledWith, mayBeBehind: rules.mayBeBehind },
  };
}

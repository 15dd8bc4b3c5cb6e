import type { RuleBook } from './domain/rule-book.js';
import { evaluateOrderRules, type OrderRulesOutcome, type RuleVersionUsed } from './domain/rule-evaluation.js';
import type { OrderContext } from './domain/order-context.js';

/** What the placement pipeline's rules hook hands on: every module's decision and the versions that made them. */
export interface PlacementRulesDecision extends OrderRulesOutcome {
  /** Every rule-set version that handled the order, once each: what the order records, so an operator can say which rules applied. */
  handledWith: RuleVersionUsed[];
}

/**
 * The rules hook of a region's placement pipeline (validate → price → **rules** → store): evaluates every module
 * from the region's replica, in memory, and returns the decisions and the versions used. A refusal is in
 * `validation.refusals` (answer it as the `ORDER_RULE_REFUSED` user error with the rule's message); `pricing`
 * carries the discounts to apply on top of the catalogue price; `gift.gifts` are SKUs to add as zero-price lines declaring
 * their catalogue price (the value CN's return rules apportion); `hold.levels` > 0 means store the order on hold
 * until that many approvals release it; the rest travels with the order to fulfilment.
 */
export function decidePlacementRules(book: RuleBook, order: OrderContext, at: Date = new Date()): PlacementRulesDecision {
  const outcome = evaluateOrderRules(book, order, at);
  const seen = new Map<string, RuleVersionUsed>();
  for (const module of [
    outcome.validation,
    outcome.pricing,
    outcome.gift,
    outcome.hold,
    outcome.inventoryLock,
    outcome.allocation,
    outcome.invoice,
    outcome.notification,
  ]) {
    for (const used of module.handledWith) seen.set(`${used.ruleSet}:${used.version}`, used);
  }
  return { ...outcome, handledWith: [...seen.values()] };
}

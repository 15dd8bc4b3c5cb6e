import { DomainError } from '../../errors.js';
import type { PaymentTerms } from '../../messaging/contracts.js';
import type { OrderContext } from '../../rules/domain/order-context.js';
import type { RuleBook } from '../../rules/domain/rule-book.js';
import { evaluateValidationRules, type RuleVersionUsed } from '../../rules/domain/rule-evaluation.js';
import type { CustomerType } from '../../catalogue/quote/quote.rules.js';
import type { PricedOrder } from './placement-pricing.rules.js';

/** Which rule-set versions handled an order, and whether the region's copy of the rules may have been behind the hub's. */
export interface RulesHandledWith {
  versions: RuleVersionUsed[];
  /** True when the region had not confirmed it held every publication (NATS unreachable, or still catching up). */
  replicaMayBeBehind: boolean;
}

/** The facts of a placement the order context is built from; none of them is personal data. */
export interface OrderContextFacts {
  region: string;
  channel: string;
  customerType: CustomerType;
  originCountry: string;
  destinationCountry: string;
  paymentTerms: PaymentTerms;
  priced: PricedOrder;
}

/** A business buyer is the `b2b` segment, everyone else `consumer`: the customer is a segment, never a person. */
const segmentOf = (customerType: CustomerType) => (customerType === 'BUSINESS' ? 'b2b' : 'consumer');

/** The typed order context rules read, from the order as the catalogue priced it (net line prices, gross shipping). */
export function orderContextOf(facts: OrderContextFacts): OrderContext {
  const { quote } = facts.priced;
  return {
    region: facts.region,
    channel: facts.channel,
    currency: facts.priced.currency,
    customerSegment: segmentOf(facts.customerType),
    originCountry: facts.originCountry,
    destinationCountry: facts.destinationCountry,
    paymentTerms: facts.paymentTerms,
    itemsTotal: quote.totals.itemsTotal,
    shippingTotal: facts.priced.shippingTotal,
    grandTotal: facts.priced.grandTotal,
    lines: quote.lines.map((line) => ({
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      category: String(line.attributes.category ?? ''),
      hazardous: line.attributes.hazardous === true,
    })),
  };
}

/** A validation rule in force refused the order; its message is the rule's own (a compliance check, a policy). */
export class OrderRuleRefusedError extends DomainError {
  constructor(code: 'ORDER_RULE_REFUSED' | 'RULE_EVALUATION_FAILED', message: string, refusal: { ruleSet: string; version: number; ruleCode: string }) {
    super('BAD_USER_INPUT', message, { rule: code, ...refusal });
  }
}

/**
 * The validation module of the order rules, from the region's own copy (no network): the first refusal stops the
 * placement, and a rule that cannot be evaluated refuses too (a compliance check must not pass by breaking).
 * Returns the versions that handled the order, which it records.
 */
export function applyValidationRules(book: RuleBook, context: OrderContext, at: Date): RuleVersionUsed[] {
  const outcome = evaluateValidationRules(book, context, at);
  const [first] = outcome.refusals;
  if (first) {
    const code = first.code === 'RULE_EVALUATION_FAILED' ? 'RULE_EVALUATION_FAILED' : 'ORDER_RULE_REFUSED';
    // The rule's own code (CROSS_BORDER_DECLARATION_MISSING) is business vocabulary, not one of the graph's user error codes.
    throw new OrderRuleRefusedError(code, first.message, { ruleSet: first.ruleSet, version: first.version, ruleCode: first.code });
  }
  return outcome.handledWith;
}

import { DomainError } from '../../errors.js';
import type { OrderHoldRequest, PaymentTerms } from '../../messaging/contracts.js';
import type { OrderContext } from '../../rules/domain/order-context.js';
import type { RuleBook } from '../../rules/domain/rule-book.js';
import { evaluateHoldRules, evaluateValidationRules, type RuleVersionUsed } from '../../rules/domain/rule-evaluation.js';
import type { AppliedPromotion } from '../../catalogue/quote/quote-promotions.rules.js';
import type { CustomerType } from '../../catalogue/quote/quote.rules.js';
import type { IndexedCatalogue } from '../../catalogue/snapshot.js';
import type { OrderLineInput } from '../../messaging/contracts.js';
import { orderContextOfQuote, promoteQuote } from '../../rules/quote-promotions.js';
import type { PricedOrder } from './placement-pricing.rules.js';
import type { InvoiceDecision, NotificationDecision } from './placement-fulfilment-rules.js';

/** Which rule-set versions handled an order, and whether the region's copy of the rules may have been behind the hub's. */
export interface RulesHandledWith {
  versions: RuleVersionUsed[];
  /** True when the region had not confirmed it held every publication (NATS unreachable, or still catching up). */
  replicaMayBeBehind: boolean;
  /** The discounts and gifts order rules gave the order, each naming its rule set, version and rule; absent before promotions applied. */
  promotions?: AppliedPromotion[];
  /** Gift SKUs a rule bound that the catalogue could not supply, so the order went without them. */
  giftsSkipped?: string[];
  /** The hold rules that put the order on hold for review, and how many approvals release it; absent: not held. */
  hold?: OrderHoldRequest;
  /** How long fulfilment keeps the unpaid order's stock, and what it does when short (also sent on with the order). */
  inventoryLock?: { holdMinutes: number | null; onShortage: 'BACKORDER' | 'REFUSE' | null };
  /** The invoice template an invoice rule chose; absent: the region's default. */
  invoice?: InvoiceDecision;
  /** Notice kinds rules suppress or send at once for this order; the region's notice consumer applies them. */
  notification?: NotificationDecision;
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

/** The typed order context rules read, from the order as the catalogue priced it (net line prices, gross shipping). */
export function orderContextOf(facts: OrderContextFacts): OrderContext {
  const { priced, ...cart } = facts;
  return { ...orderContextOfQuote(priced.quote, cart), currency: priced.currency, shippingTotal: priced.shippingTotal, grandTotal: priced.grandTotal };
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

/** The priced order after the order rules' promotions, and what they gave. */
export interface PromotedOrder {
  priced: PricedOrder;
  promotions: AppliedPromotion[];
  giftsSkipped: string[];
  handledWith: RuleVersionUsed[];
}

/**
 * The pricing/promotion and gift modules at placement, with the same function a checkout quote uses (quote = order):
 * discounts go on the lines (`discount`, and the VAT they remove in `discountTax`) and into the order's discount
 * total beside any client-sent one; gifts are appended as zero-price lines.
 */
export function applyPromotionRules(
  book: RuleBook,
  catalogue: Pick<IndexedCatalogue, 'products' | 'prices'>,
  priced: PricedOrder,
  context: OrderContext,
): PromotedOrder {
  const outcome = promoteQuote(book, catalogue, priced.quote, context);
  const { quote } = outcome;
  const clientDiscount = priced.discountTotal;
  if (quote.totals.grandTotal < clientDiscount) throw new DomainError('BAD_USER_INPUT', 'The discount exceeds the order total', { field: 'discountTotal' });
  const lines = quote.lines.map((line, index): OrderLineInput => {
    const sold = priced.lines[index];
    const base = sold ?? { sku: line.sku, name: line.name, quantity: line.quantity, unitPrice: 0, unitTax: 0, attributes: line.attributes };
    // Only lines a promotion touched carry the fields, so an order without promotions is sent to core as before.
    return line.discount > 0 || line.discountTax > 0 ? { ...base, discount: line.discount, discountTax: line.discountTax } : base;
  });
  return {
    priced: {
      ...priced,
      lines,
      shippingTotal: quote.totals.shippingTotal,
      discountTotal: clientDiscount + quote.totals.discountTotal,
      grandTotal: quote.totals.grandTotal - clientDiscount,
      quote,
      pricedWith: quote.promotions.length > 0 ? { ...priced.pricedWith, promotions: quote.promotions } : priced.pricedWith,
    },
    promotions: quote.promotions,
    giftsSkipped: outcome.giftsSkipped,
    handledWith: outcome.handledWith,
  };
}

/**
 * The hold module at placement, over the promoted order: an order a hold rule matches is placed, but core keeps it
 * from fulfilment until as many different approvers as the rule asks released it.
 */
export function decideHold(
  book: RuleBook,
  context: OrderContext,
  priced: PricedOrder,
  at: Date,
): { hold: OrderHoldRequest | null; handledWith: RuleVersionUsed[] } {
  const outcome = evaluateHoldRules(book, context, { discountTotal: priced.quote.totals.discountTotal, payableTotal: priced.grandTotal }, at);
  if (outcome.levels === 0) return { hold: null, handledWith: outcome.handledWith };
  const reasons = outcome.reasons.slice(0, 20).map((reason) => ({ ...reason, message: reason.message.slice(0, 500) }));
  return { hold: { levels: outcome.levels, reasons }, handledWith: outcome.handledWith };
}

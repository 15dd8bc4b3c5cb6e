import type { OrderRuleFacts } from '../../messaging/contracts.js';
import { ruleFactsOf } from '../../rules/order-rule-facts.js';
import type { OrderContext, PricingOutcomeContext } from '../../rules/domain/order-context.js';
import type { RuleBook } from '../../rules/domain/rule-book.js';
import { evaluateInventoryLockRules, evaluateInvoiceRules, evaluateNotificationRules, type RuleVersionUsed } from '../../rules/domain/rule-evaluation.js';

/** The invoice template an invoice rule chose, and the version that chose it; what bookkeeping invoices the order with. */
export interface InvoiceDecision {
  template: string;
  versions: RuleVersionUsed[];
}

/** Which notice kinds order rules keep from the customer or send at once; the region's notice consumer applies it. */
export interface NotificationDecision {
  notices: string[];
  suppressed: string[];
  urgent: string[];
  versions: RuleVersionUsed[];
}

export interface LaterModulesDecision {
  /** Travels with the registration to core and on in `order.placed` to fulfilment. */
  ruleFacts: OrderRuleFacts;
  invoice: InvoiceDecision | null;
  notification: NotificationDecision | null;
  handledWith: RuleVersionUsed[];
}

/**
 * The modules after pricing and holds (lock inventory → invoice → notify), over the promoted order: the lock decision
 * and the order facts go to fulfilment with the order (it acts on them and weighs allocation with its own copy of the
 * rules), the invoice template and the notice choices stay with the region's order.
 */
export function decideLaterModules(book: RuleBook, context: OrderContext, pricing: PricingOutcomeContext, at: Date): LaterModulesDecision {
  const lock = evaluateInventoryLockRules(book, context, pricing, at);
  const invoice = evaluateInvoiceRules(book, context, pricing, at);
  const notification = evaluateNotificationRules(book, context, pricing, at);
  const noticesDecided = notification.notices.length + notification.suppressed.length + notification.urgent.length > 0;
  return {
    ruleFacts: ruleFactsOf(context, pricing, { holdMinutes: lock.holdMinutes, onShortage: lock.onShortage, versions: lock.handledWith }),
    invoice: invoice.template ? { template: invoice.template.slice(0, 100), versions: invoice.handledWith } : null,
    notification: noticesDecided
      ? { notices: notification.notices, suppressed: notification.suppressed, urgent: notification.urgent, versions: notification.handledWith }
      : null,
    handledWith: [...lock.handledWith, ...invoice.handledWith, ...notification.handledWith],
  };
}

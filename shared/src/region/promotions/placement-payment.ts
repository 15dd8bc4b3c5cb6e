import type { PaymentTerms } from '../../messaging/contracts.js';
import { DomainError } from '../../errors.js';
import type { OrderContext } from '../../rules/domain/order-context.js';
import type { RuleBook } from '../../rules/domain/rule-book.js';
import type { RuleVersionUsed } from '../../rules/domain/rule-evaluation.js';
import { planMatters, planPayment, type PaymentPlan } from '../../promotions/payment-stacking.rules.js';
import { evaluatePointsRules, evaluatePresaleRules } from '../../promotions/promotion-terms.rules.js';
import type { PricedOrder } from '../placement/placement-pricing.rules.js';

/** A presale or points refusal at placement, naming the input field and the rule code clients switch on. */
export class PaymentRefusedError extends DomainError {
  constructor(rule: string, field: string | null, message: string) {
    super('BAD_USER_INPUT', message, { rule, ...(field ? { field } : {}) });
  }
}

/**
 * The presale and points modules at placement, after promotions and gifts priced the order: how the payable is paid
 * (deposit and its expansion, points within the cap, cash). Null when neither changes anything. A presale is
 * prepaid only: cash on delivery cannot take a deposit weeks before the goods exist.
 */
export function decidePayment(
  book: RuleBook,
  context: OrderContext,
  priced: PricedOrder,
  request: { pointsToUse: number; paymentTerms: PaymentTerms },
  at: Date,
): { plan: PaymentPlan | null; handledWith: RuleVersionUsed[] } {
  const pricing = { discountTotal: priced.quote.totals.discountTotal, payableTotal: priced.grandTotal };
  const presale = evaluatePresaleRules(book, context, pricing, at);
  if (presale.kind === 'INVALID') throw new PaymentRefusedError('PRESALE_TERMS_INVALID', null, presale.message);
  if (presale.kind === 'PRESALE' && request.paymentTerms !== 'PREPAID') {
    throw new PaymentRefusedError('INVALID', 'paymentTerms', 'A presale order is prepaid: its deposit is paid when it is placed.');
  }
  const points = evaluatePointsRules(book, context, pricing, at);
  const planned = planPayment({
    currency: priced.currency,
    payable: priced.grandTotal,
    presale: presale.kind === 'PRESALE' ? presale.terms : null,
    policy: points.policy,
    pointsRequested: request.pointsToUse,
  });
  if (!planned.ok) throw new PaymentRefusedError(planned.problem.code, planned.problem.field, planned.problem.message);
  return { plan: planMatters(planned.plan) ? planned.plan : null, handledWith: [...presale.handledWith, ...points.handledWith] };
}

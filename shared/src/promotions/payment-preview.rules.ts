import type { OrderContext, PricingOutcomeContext } from '../rules/domain/order-context.js';
import type { RuleBook } from '../rules/domain/rule-book.js';
import type { RuleVersionUsed } from '../rules/domain/rule-evaluation.js';
import { maxSpendablePoints, planPayment } from './payment-stacking.rules.js';
import { evaluatePointsRules, evaluatePresaleRules } from './promotion-terms.rules.js';

/**
 * What the PRESALE and POINTS modules would decide for an order before any customer asks to spend points: the
 * presale terms, the most points the cap lets pay and the points the cash would earn. A dry-run compares this,
 * since a past order's points request says nothing about a draft's cap.
 */
export type PaymentPreview =
  | { kind: 'NONE'; handledWith: RuleVersionUsed[] }
  /** Placement refuses the order with PRESALE_TERMS_INVALID (fail closed). */
  | { kind: 'REFUSED'; code: 'PRESALE_TERMS_INVALID'; message: string; handledWith: RuleVersionUsed[] }
  | {
      kind: 'PLANNED';
      /** Cash at placement, and what the deposit counts for beyond itself; 0 without a presale. */
      deposit: number;
      expansion: number;
      /** Cash still due once the deposit counted and no points were spent. */
      finalDue: number;
      finalOpensAt: string | null;
      finalClosesAt: string | null;
      remindBeforeMinutes: number[];
      /** Minor units one point pays (null: points cannot pay) and the most points the cap lets pay for the order. */
      pointValue: number | null;
      maxPoints: number;
      pointsToEarn: number;
      handledWith: RuleVersionUsed[];
    };

/**
 * The stacking placement applies (`evaluatePresaleRules`, `evaluatePointsRules`, `planPayment`), with no points
 * asked for. NONE when neither module changes how the order is paid.
 */
export function previewPayment(book: RuleBook, order: OrderContext, pricing: PricingOutcomeContext, at: Date): PaymentPreview {
  const presale = evaluatePresaleRules(book, order, pricing, at);
  const points = evaluatePointsRules(book, order, pricing, at);
  const handledWith = [...presale.handledWith, ...points.handledWith];
  if (presale.kind === 'INVALID') return { kind: 'REFUSED', code: 'PRESALE_TERMS_INVALID', message: presale.message, handledWith };
  const terms = presale.kind === 'PRESALE' ? presale.terms : null;
  const planned = planPayment({ currency: order.currency, payable: pricing.payableTotal, presale: terms, policy: points.policy, pointsRequested: 0 });
  // Asking for no points cannot exceed a cap.
  if (!planned.ok) throw new Error(`planPayment refused a plan without points: ${planned.problem.code}`);
  const { plan } = planned;
  const maxPoints = maxSpendablePoints(plan.finalDue, points.policy);
  if (!terms && maxPoints === 0 && plan.pointsToEarn === 0) return { kind: 'NONE', handledWith };
  return {
    kind: 'PLANNED',
    deposit: plan.deposit,
    expansion: plan.expansion,
    finalDue: plan.finalDue,
    finalOpensAt: terms?.finalOpensAt ?? null,
    finalClosesAt: terms?.finalClosesAt ?? null,
    remindBeforeMinutes: terms?.remindBeforeMinutes ?? [],
    pointValue: points.policy.pointValue,
    maxPoints,
    pointsToEarn: plan.pointsToEarn,
    handledWith,
  };
}

import { compareText } from '@hub/shared/compare-text';
import { previewPayment, type PaymentPreview } from '@hub/shared/promotions/payment-preview.rules';
import type { OrderContext } from '@hub/shared/rules/domain/order-context';
import type { RuleBook } from '@hub/shared/rules/domain/rule-book';
import { evaluateOrderRules, type OrderRulesOutcome } from '@hub/shared/rules/domain/rule-evaluation';
import type { ShortagePolicy } from '@hub/shared/rules/domain/rule-modules';

/** How a presale and points would pay the order (no points asked for): what a PRESALE or POINTS draft changes. */
export interface PaymentSummary {
  deposit: number;
  expansion: number;
  finalDue: number;
  finalOpensAt: Date | null;
  finalClosesAt: Date | null;
  remindBeforeMinutes: number[];
  pointValue: number | null;
  maxPoints: number;
  pointsToEarn: number;
}

/** The part of an order's rule outcome a business user compares, module by module in pipeline order. */
export interface OutcomeSummary {
  refusalCodes: string[];
  discountTotal: number;
  payableTotal: number;
  gifts: string[];
  /** Null when neither a presale nor points change how the order is paid (or a presale refuses it). */
  payment: PaymentSummary | null;
  holdLevels: number;
  holdMinutes: number | null;
  shortagePolicy: ShortagePolicy | null;
  allocationWeights: Array<{ criterion: string; weight: number }>;
  invoiceTemplate: string | null;
  notices: string[];
  noticesSuppressed: string[];
  noticesUrgent: string[];
}

/** What can change about an order, one per module a business user reads a dry-run by. */
export const OUTCOME_ASPECTS = ['REFUSAL', 'PRICE', 'GIFT', 'PAYMENT', 'HOLD', 'INVENTORY_LOCK', 'ALLOCATION', 'INVOICE', 'NOTIFICATION'] as const;
export type OutcomeAspect = (typeof OUTCOME_ASPECTS)[number];

function paymentSummaryOf(preview: PaymentPreview): PaymentSummary | null {
  if (preview.kind !== 'PLANNED') return null;
  return {
    deposit: preview.deposit,
    expansion: preview.expansion,
    finalDue: preview.finalDue,
    finalOpensAt: preview.finalOpensAt === null ? null : new Date(preview.finalOpensAt),
    finalClosesAt: preview.finalClosesAt === null ? null : new Date(preview.finalClosesAt),
    remindBeforeMinutes: preview.remindBeforeMinutes,
    pointValue: preview.pointValue,
    maxPoints: preview.maxPoints,
    pointsToEarn: preview.pointsToEarn,
  };
}

export function summarise(outcome: OrderRulesOutcome, payment: PaymentPreview): OutcomeSummary {
  return {
    // Placement refuses on validation first, then on a presale without usable terms.
    refusalCodes: [...outcome.validation.refusals.map((refusal) => refusal.code), ...(payment.kind === 'REFUSED' ? [payment.code] : [])],
    discountTotal: outcome.pricing.discountTotal,
    payableTotal: outcome.pricing.payableTotal,
    gifts: outcome.gift.gifts.map((gift) => gift.sku),
    payment: paymentSummaryOf(payment),
    holdLevels: outcome.hold.levels,
    holdMinutes: outcome.inventoryLock.holdMinutes,
    shortagePolicy: outcome.inventoryLock.onShortage,
    allocationWeights: Object.entries(outcome.allocation.weights)
      .map(([criterion, weight]) => ({ criterion, weight }))
      .sort((a, b) => compareText(a.criterion, b.criterion)),
    invoiceTemplate: outcome.invoice.template,
    notices: outcome.notification.notices,
    noticesSuppressed: outcome.notification.suppressed,
    noticesUrgent: outcome.notification.urgent,
  };
}

/** Every module's outcome for one order with the evaluation functions placement and fulfilment run. */
export function outcomeOf(book: RuleBook, order: OrderContext, at: Date): OutcomeSummary {
  const outcome = evaluateOrderRules(book, order, at);
  return summarise(outcome, previewPayment(book, order, outcome.pricing, at));
}

const ASPECT_FIELDS: Record<OutcomeAspect, Array<keyof OutcomeSummary>> = {
  REFUSAL: ['refusalCodes'],
  PRICE: ['discountTotal', 'payableTotal'],
  GIFT: ['gifts'],
  PAYMENT: ['payment'],
  HOLD: ['holdLevels'],
  INVENTORY_LOCK: ['holdMinutes', 'shortagePolicy'],
  ALLOCATION: ['allocationWeights'],
  INVOICE: ['invoiceTemplate'],
  NOTIFICATION: ['notices', 'noticesSuppressed', 'noticesUrgent'],
};

/** Which aspects of the outcome differ, in pipeline order; empty when the order would be handled the same. */
export function changedAspects(before: OutcomeSummary, after: OutcomeSummary): OutcomeAspect[] {
  return OUTCOME_ASPECTS.filter((aspect) => ASPECT_FIELDS[aspect].some((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field])));
}

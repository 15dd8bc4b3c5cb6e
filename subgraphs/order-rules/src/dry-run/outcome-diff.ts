import type { OrderRulesOutcome } from '@hub/shared/rules/domain/rule-evaluation';

/** The part of an order's rule outcome a business user compares: refusal, price, hold for review, stock hold, allocation, invoice, notices. */
export interface OutcomeSummary {
  refusalCodes: string[];
  discountTotal: number;
  payableTotal: number;
  gifts: string[];
  holdLevels: number;
  holdMinutes: number | null;
  allocationWeights: Array<{ criterion: string; weight: number }>;
  invoiceTemplate: string | null;
  notices: string[];
}

export function summarise(outcome: OrderRulesOutcome): OutcomeSummary {
  return {
    refusalCodes: outcome.validation.refusals.map((refusal) => refusal.code),
    discountTotal: outcome.pricing.discountTotal,
    payableTotal: outcome.pricing.payableTotal,
    gifts: outcome.gift.gifts.map((gift) => gift.sku),
    holdLevels: outcome.hold.levels,
    holdMinutes: outcome.inventoryLock.holdMinutes,
    allocationWeights: Object.entries(outcome.allocation.weights)
      .map(([criterion, weight]) => ({ criterion, weight }))
      .sort((a, b) => a.criterion.localeCompare(b.criterion)),
    invoiceTemplate: outcome.invoice.template,
    notices: outcome.notification.notices,
  };
}

/** Which aspects of the outcome differ; empty when the order would be handled the same. */
export function changedAspects(before: OutcomeSummary, after: OutcomeSummary): string[] {
  const aspects: Array<[string, unknown, unknown]> = [
    ['REFUSAL', before.refusalCodes, after.refusalCodes],
    ['PRICE', before.payableTotal, after.payableTotal],
    ['GIFT', before.gifts, after.gifts],
    ['HOLD', before.holdLevels, after.holdLevels],
    ['INVENTORY_LOCK', before.holdMinutes, after.holdMinutes],
    ['ALLOCATION', before.allocationWeights, after.allocationWeights],
    ['INVOICE', before.invoiceTemplate, after.invoiceTemplate],
    ['NOTIFICATION', before.notices, after.notices],
  ];
  return aspects.filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b)).map(([aspect]) => aspect);
}

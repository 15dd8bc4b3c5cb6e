import type { OrderLineInput } from '@hub/shared/messaging/contracts';

/**
 * The grand total in minor units, by core's formula (net price plus per-unit tax, plus shipping, less discount).
 * region-sea needs it before the order exists, to apply the cash-on-delivery limit; core's figure stays the
 * authoritative one and replaces this one when core answers.
 */
export function calculateGrandTotal(lines: readonly Pick<OrderLineInput, 'quantity' | 'unitPrice' | 'unitTax'>[], shippingTotal: number, discountTotal: number): number {
  const gross = lines.reduce((sum, line) => sum + line.quantity * (line.unitPrice + line.unitTax), 0) + shippingTotal;
  return Math.max(gross - discountTotal, 0);
}

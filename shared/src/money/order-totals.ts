import { DomainError } from '../errors.js';
import type { OrderLineInput } from '../messaging/contracts.js';

export interface OrderTotals {
  itemsTotal: number;
  taxTotal: number;
  shippingTotal: number;
  discountTotal: number;
  grandTotal: number;
}

/**
 * Totals in minor units. Unit prices are net and tax is per unit, so every figure is an exact integer;
 * the discount may not exceed what is being paid for, since a negative total is not an order.
 */
export function calculateTotals(
  lines: readonly Pick<OrderLineInput, 'quantity' | 'unitPrice' | 'unitTax'>[],
  shippingTotal: number,
  discountTotal: number,
): OrderTotals {
  const itemsTotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const taxTotal = lines.reduce((sum, line) => sum + line.quantity * line.unitTax, 0);
  const grossTotal = itemsTotal + taxTotal + shippingTotal;
  if (discountTotal > grossTotal) {
    throw new DomainError('BAD_USER_INPUT', 'The discount exceeds the order total', { field: 'discountTotal' });
  }
  const grandTotal = grossTotal - discountTotal;
  if (!Number.isSafeInteger(grandTotal)) {
    throw new DomainError('BAD_USER_INPUT', 'The order total is too large', { field: 'lines' });
  }
  return { itemsTotal, taxTotal, shippingTotal, discountTotal, grandTotal };
}

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
 * A line's share of promotions (`discount`, net) is part of `discountTotal`; the VAT that share no longer bears
 * (`discountTax`) comes off the tax, because a price reduction at sale lowers the VAT base (art. 79(b) VAT Directive).
 */
export function calculateTotals(
  lines: readonly Pick<OrderLineInput, 'quantity' | 'unitPrice' | 'unitTax' | 'discount' | 'discountTax'>[],
  shippingTotal: number,
  discountTotal: number,
): OrderTotals {
  const itemsTotal = lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const taxTotal = lines.reduce((sum, line) => sum + line.quantity * line.unitTax - (line.discountTax ?? 0), 0);
  const lineDiscounts = lines.reduce((sum, line) => sum + (line.discount ?? 0), 0);
  if (lines.some((line) => (line.discount ?? 0) > line.quantity * line.unitPrice || (line.discountTax ?? 0) > line.quantity * line.unitTax)) {
    throw new DomainError('BAD_USER_INPUT', "A line's discount exceeds its price", { field: 'lines' });
  }
  if (lineDiscounts > discountTotal) {
    throw new DomainError('BAD_USER_INPUT', "The order's discount is less than its lines' discounts", { field: 'discountTotal' });
  }
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

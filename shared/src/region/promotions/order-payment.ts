import type { PaymentPlan } from '../../promotions/payment-stacking.rules.js';

/**
 * How a regional order is paid and how far that has got: the plan decided at placement, when the presale's final
 * payment was taken, and the points the order earned once paid. Kept on the region's order record (`payment`).
 */
export interface OrderPayment extends PaymentPlan {
  finalPaidAt: string | null;
  /** Points credited when the order was paid (null until then). */
  pointsEarned: number | null;
  /** Points given back because the order was void (cancelled or refused by core), if any. */
  pointsReturnedOnVoid?: number;
}

export const initialOrderPayment = (plan: PaymentPlan): OrderPayment => ({ ...plan, finalPaidAt: null, pointsEarned: null });

/** What the customer still owes in cash: the final amount until it is paid, for a presale. */
export const cashStillDue = (payment: OrderPayment): number => (payment.presale && payment.finalPaidAt === null ? payment.finalDue : 0);

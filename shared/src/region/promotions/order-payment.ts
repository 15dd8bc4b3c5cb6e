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
  /**
   * Core's refusal of the `PAID` the final payment queued (the order was cancelled or moved on in core meanwhile):
   * the cash was taken, so it stays recorded as paid and this says it has to be settled with the customer.
   */
  finalPaymentRefusal?: { code: string; message: string; at: string };
}

export const initialOrderPayment = (plan: PaymentPlan): OrderPayment => ({ ...plan, finalPaidAt: null, pointsEarned: null });

/** What the customer still owes in cash: the final amount until it is paid, for a presale. */
export const cashStillDue = (payment: OrderPayment): number => (payment.presale && payment.finalPaidAt === null ? payment.finalDue : 0);

/** Records core's refusal of the final payment once (a redelivered verdict keeps the first); the payment itself stays recorded. */
export function withFinalPaymentRefused(payment: OrderPayment, rejection: { code: string; message: string }, at: Date): OrderPayment {
  if (payment.finalPaymentRefusal) return payment;
  return { ...payment, finalPaymentRefusal: { code: rejection.code.slice(0, 64), message: rejection.message.slice(0, 500), at: at.toISOString() } };
}

import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { SeaRuleViolationError, SeaStateConflictError } from './sea-rule-violation.error.js';

/** What region-sea knows about an order when a courier reports cash taken or a parcel refused at the door. */
export interface DoorstepFacts {
  /** region-sea's copy of the status (from core's events). */
  status: OrderStatus | null;
  payment: { method: string; amountDue: number } | null;
  collection: { courierId: string; amount: number } | null;
  refusal: { courierId: string; reason: string } | null;
}

/** The courier is at the door from OUT_FOR_DELIVERY on; SIGNED is accepted too, as the scan may come first. */
const AT_THE_DOOR: readonly OrderStatus[] = ['OUT_FOR_DELIVERY', 'SIGNED'];

/**
 * Cash is recorded once per order, by the courier who took it, for exactly the total due: a short or over
 * payment is a dispute for customer service, not a partial collection. A repeat of the same report (a retry on
 * a flaky network) is answered with the first; a different second report is a conflict.
 */
export function decideCodCollection(facts: DoorstepFacts, report: { courierId: string; amount: number }): 'record' | 'already-recorded' {
  if (facts.payment?.method !== 'COD') throw new SeaRuleViolationError('orderId', 'NOT_CASH_ON_DELIVERY', 'This order is not paid cash on delivery');
  if (facts.collection) {
    if (facts.collection.courierId === report.courierId && facts.collection.amount === report.amount) return 'already-recorded';
    throw new SeaStateConflictError('COD_ALREADY_COLLECTED', 'Cash for this order has already been recorded');
  }
  if (facts.refusal) throw new SeaStateConflictError('DELIVERY_REFUSED', 'This order was refused at the door');
  if (!facts.status || !AT_THE_DOOR.includes(facts.status)) {
    throw new SeaStateConflictError('NOT_OUT_FOR_DELIVERY', 'This order is not out for delivery', { status: facts.status });
  }
  if (report.amount !== facts.payment.amountDue) {
    throw new SeaRuleViolationError('amount', 'COD_AMOUNT_MISMATCH', 'The amount collected must equal the order total due', {
      amountDue: facts.payment.amountDue,
    });
  }
  return 'record';
}

/**
 * A parcel can be refused only while it is out for delivery and before any cash changed hands; the refusal is
 * recorded once, and a retry of the same report is answered with the first.
 */
export function decideDeliveryRefusal(facts: DoorstepFacts, report: { courierId: string; reason: string }): 'record' | 'already-recorded' {
  if (facts.refusal) {
    if (facts.refusal.courierId === report.courierId && facts.refusal.reason === report.reason) return 'already-recorded';
    throw new SeaStateConflictError('DELIVERY_REFUSED', 'This order was already refused at the door');
  }
  if (facts.collection) throw new SeaStateConflictError('COD_ALREADY_COLLECTED', 'Cash for this order was collected; it was accepted');
  if (facts.status !== 'OUT_FOR_DELIVERY') {
    throw new SeaStateConflictError('NOT_OUT_FOR_DELIVERY', 'This order is not out for delivery', { status: facts.status });
  }
  return 'record';
}

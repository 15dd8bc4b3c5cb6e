import { DomainError } from '../errors.js';

export type FinalPaymentVerdict = { ok: true } | { ok: false; code: 'FINAL_PAYMENT_NOT_OPEN' | 'FINAL_PAYMENT_CLOSED'; message: string };

/** The final payment is taken only inside the window the presale rule set: the campaign's price holds for that time only. */
export function judgeFinalPayment(window: { finalOpensAt: string; finalClosesAt: string }, at: Date): FinalPaymentVerdict {
  const now = at.getTime();
  if (now < Date.parse(window.finalOpensAt)) {
    return { ok: false, code: 'FINAL_PAYMENT_NOT_OPEN', message: `The final payment opens at ${window.finalOpensAt}.` };
  }
  if (now >= Date.parse(window.finalClosesAt)) {
    return { ok: false, code: 'FINAL_PAYMENT_CLOSED', message: `The final payment closed at ${window.finalClosesAt}; the deposit terms of the presale apply.` };
  }
  return { ok: true };
}

/** A final payment refused by its window or the order's state, with the field a client points at. */
export class FinalPaymentRefusedError extends DomainError {
  constructor(code: string, message: string) {
    super('BAD_USER_INPUT', message, { field: 'orderId', rule: code });
  }
}

/**
 * When each reminder of a presale's final payment is due: the given minutes before the window closes, but never
 * before it opens (a reminder to pay what cannot yet be paid helps no one). Numbered from 1 in the rule's order, so
 * a reminder's number, and with it its notice id, never changes.
 */
export function reminderSchedule(window: {
  finalOpensAt: string;
  finalClosesAt: string;
  remindBeforeMinutes: readonly number[];
}): Array<{ reminderNo: number; dueAt: Date }> {
  const opens = Date.parse(window.finalOpensAt);
  const closes = Date.parse(window.finalClosesAt);
  return window.remindBeforeMinutes.map((minutes, index) => ({ reminderNo: index + 1, dueAt: new Date(Math.max(opens, closes - minutes * 60_000)) }));
}

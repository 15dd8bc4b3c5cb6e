import { periodAfter, type CstPeriod } from './cn-calendar.js';

/** The seller refunds within seven days of receiving the returned goods (CRPL art. 25(3); Interim Measures art. 13). */
export const REFUND_DAYS = 7;

export function refundDeadline(receivedAt: Date): CstPeriod {
  return periodAfter(receivedAt, REFUND_DAYS);
}

/** A refund is late once its deadline has passed without it being issued, or when it was issued after the deadline. */
export function isRefundLate(dueBefore: Date, issuedAt: Date | null, now: Date): boolean {
  return (issuedAt ?? now).getTime() >= dueBefore.getTime();
}

/** Whole CST days past the deadline, for operators sorting their queue. */
export function daysOverdue(dueBefore: Date, now: Date): number {
  const late = now.getTime() - dueBefore.getTime();
  return late < 0 ? 0 : Math.floor(late / (24 * 60 * 60 * 1000)) + 1;
}

import { periodAfter } from './cn-calendar.js';

/** Seven days (CRPL art. 25(1)), counted from the day after the customer signed for the goods (Interim Measures art. 10). */
export const RETURN_WINDOW_DAYS = 7;

export interface ReturnWindow {
  signedAt: Date;
  /** The last CST calendar day on which a request is accepted. */
  lastDay: string;
  /** Requests sent at or after this instant are late. */
  closesBefore: Date;
}

export type WindowState = 'NOT_STARTED' | 'OPEN' | 'EXPIRED';

export function returnWindow(signedAt: Date): ReturnWindow {
  const { lastDay, endsBefore } = periodAfter(signedAt, RETURN_WINDOW_DAYS);
  return { signedAt, lastDay, closesBefore: endsBefore };
}

/**
 * Where a request sent at `requestedAt` falls. What counts is when the customer sends the request, not
 * when the goods come back (Interim Measures art. 10: the consumer "sends the return notice" within the period).
 */
export function windowStateAt(window: ReturnWindow | null, requestedAt: Date): WindowState {
  if (!window) return 'NOT_STARTED';
  return requestedAt.getTime() < window.closesBefore.getTime() ? 'OPEN' : 'EXPIRED';
}

/** The signing that starts the window: the first time the order reached SIGNED (later SIGNEDs are returns withdrawn). */
export function firstSignedAt(timeline: ReadonlyArray<{ toStatus: string; version: number; at: Date }>): Date | null {
  const signed = timeline.filter((step) => step.toStatus === 'SIGNED').sort((a, b) => a.version - b.version)[0];
  return signed?.at ?? null;
}

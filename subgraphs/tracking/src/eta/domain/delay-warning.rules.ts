import type { Disruption, Leg } from './eta.model.js';

/** How far ahead the business wants to hear about a late parcel (the seed's "about 4 hours"). */
export const WARNING_LEAD_MS = 4 * 3_600_000;

export const ALTERNATIVES = ['REROUTE', 'SWITCH_CARRIER', 'RESCHEDULE', 'NOTIFY_CUSTOMER'] as const;
export type Alternative = (typeof ALTERNATIVES)[number];

export interface DelayAssessment {
  late: boolean;
  /** How far the ETA passes the end of the promised window. */
  lateByMs: number;
  /** Time left until the promised window ends: the warning's lead time. */
  leadMs: number;
  /** The lead was shorter than WARNING_LEAD_MS: raised, but flagged as a late warning. */
  shortNotice: boolean;
}

/** A parcel is late when its ETA passes the end of its promised window; the lead is what is left of it. */
export function assessDelay(eta: Date, promisedBy: Date, now: Date): DelayAssessment {
  const lateByMs = eta.getTime() - promisedBy.getTime();
  const leadMs = promisedBy.getTime() - now.getTime();
  return { late: lateByMs > 0, lateByMs: Math.max(0, lateByMs), leadMs, shortNotice: lateByMs > 0 && leadMs < WARNING_LEAD_MS };
}

export interface AlternativesInput {
  lateByMs: number;
  remainingLegs: readonly Leg[];
  causes: readonly Disruption[];
  /** Once the parcel is out for delivery, only the doorstep can change. */
  outForDelivery: boolean;
}

/**
 * What an operator can do about a late parcel, most useful first: go around a disrupted lane or closed hub,
 * hand over to another carrier when the delay is long and the parcel is still in the network, agree a new
 * window, and in every case tell the customer.
 */
export function proposeAlternatives(input: AlternativesInput): Alternative[] {
  const proposals: Alternative[] = [];
  if (!input.outForDelivery && input.causes.length > 0 && input.remainingLegs.length > 1) proposals.push('REROUTE');
  if (!input.outForDelivery && input.lateByMs >= 12 * 3_600_000) proposals.push('SWITCH_CARRIER');
  proposals.push('RESCHEDULE', 'NOTIFY_CUSTOMER');
  return proposals;
}

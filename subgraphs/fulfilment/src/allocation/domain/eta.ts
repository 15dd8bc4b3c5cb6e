import type { Lane } from './allocation.types.js';

const MINUTES_PER_DAY = 24 * 60;
const HOUR_MS = 3_600_000;

/** Minutes a node needs between taking an order and handing it to the carrier. */
export const HANDLING_MINUTES = 30;
/** Extra delay promised by a node running at reduced throughput. */
export const DEGRADED_DELAY_HOURS = 12;

/**
 * The carrier pick-up an order makes: the first wave cut-off at least the handling time after `readyAt`,
 * today or on a following day. A node without cut-offs ships continuously.
 */
export function departureAt(readyAt: Date, cutoffMinutes: readonly number[], handlingMinutes = HANDLING_MINUTES): Date {
  const earliest = readyAt.getTime() + handlingMinutes * 60_000;
  if (cutoffMinutes.length === 0) return new Date(earliest);
  const midnight = Date.UTC(readyAt.getUTCFullYear(), readyAt.getUTCMonth(), readyAt.getUTCDate());
  const sorted = [...cutoffMinutes].sort((a, b) => a - b);
  for (let day = 0; day < 8; day += 1) {
    for (const minute of sorted) {
      const at = midnight + (day * MINUTES_PER_DAY + minute) * 60_000;
      if (at >= earliest) return new Date(at);
    }
  }
  throw new RangeError('cut-offs must lie within a day');
}

export function transitHours(lane: Lane, km: number): number {
  return lane.baseTransitHours + km / lane.kmPerHour;
}

/** Estimated delivery: node departure plus the carrier's transit, later for a degraded node. */
export function estimateDelivery(readyAt: Date, cutoffMinutes: readonly number[], lane: Lane, km: number, degraded = false) {
  const departure = departureAt(degraded ? new Date(readyAt.getTime() + DEGRADED_DELAY_HOURS * HOUR_MS) : readyAt, cutoffMinutes);
  return { departureAt: departure, etaAt: new Date(departure.getTime() + Math.round(transitHours(lane, km) * HOUR_MS)) };
}

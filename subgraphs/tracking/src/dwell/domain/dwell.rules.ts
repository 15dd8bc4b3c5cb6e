import type { NodeType } from '../../events/domain/event-kinds.js';

/**
 * How long a parcel may sit at a node before someone must look at it. Sorting centres and hubs work in
 * shifts (a parcel should leave within one); warehouses hand over daily; customs and pick-up points hold
 * parcels by design (clearance, the customer's collection period).
 */
export const DWELL_THRESHOLD_HOURS: Readonly<Record<NodeType, number>> = {
  SORTING_CENTER: 6,
  HUB: 8,
  DELIVERY_STATION: 12,
  VEHICLE: 12,
  DOORSTEP: 2,
  WAREHOUSE: 24,
  CUSTOMS: 48,
  PICKUP_POINT: 168,
};
const UNKNOWN_NODE_HOURS = 12;

export const dwellThresholdMs = (nodeType: NodeType | null): number => (nodeType ? DWELL_THRESHOLD_HOURS[nodeType] : UNKNOWN_NODE_HOURS) * 3_600_000;

/** When a parcel last seen at a node becomes overdue there. */
export const dwellDeadline = (lastEventAt: Date, nodeType: NodeType | null): Date => new Date(lastEventAt.getTime() + dwellThresholdMs(nodeType));

/**
 * The deadline kept on the shipment is a lower bound of the true one: it is indexed, and writing it on every
 * event would deny the fold PostgreSQL's HOT updates. So an event writes it only when the true deadline is
 * earlier (a node with a shorter threshold) or there is none yet, or the parcel is delivered (null); the dwell
 * sweep moves it forward when it reaches a bound that is no longer due (`dwellAtBound`).
 */
export const storedDwellDeadline = (stored: Date | null, actual: Date | null): Date | null =>
  actual === null || stored === null || actual.getTime() < stored.getTime() ? actual : stored;

/** What the dwell sweep does with a shipment whose stored deadline has passed: alert, or push the bound to the true deadline. */
export const dwellAtBound = (lastEventAt: Date, nodeType: NodeType | null, now: Date): { due: true } | { due: false; deadline: Date } => {
  const deadline = dwellDeadline(lastEventAt, nodeType);
  return deadline.getTime() <= now.getTime() ? { due: true } : { due: false, deadline };
};

/** A task nobody acknowledged within this time escalates to the next level (node lead, then regional operations). */
export const TASK_ACK_SLA_MS: Readonly<Record<'DELAY' | 'DWELL', number>> = { DELAY: 60 * 60_000, DWELL: 30 * 60_000 };
export const MAX_ESCALATION_LEVEL = 2;

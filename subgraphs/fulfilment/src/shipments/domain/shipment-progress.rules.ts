/** The warehouse's steps on a shipment, in the order they happen; each is reported to core as an order status. */
export const WAREHOUSE_STEPS = ['PICKED', 'PACKED', 'OUTBOUND'] as const;
export type WarehouseStep = (typeof WAREHOUSE_STEPS)[number];

export type ShipmentState = 'ALLOCATED' | WarehouseStep | 'CANCELLED' | 'REALLOCATED';

const RANK: Record<string, number> = { ALLOCATED: 0, PICKED: 1, PACKED: 2, OUTBOUND: 3 };
/** A reported event time may run this far ahead of the server's clock (scanner clocks drift). */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type StepDecision =
  { kind: 'APPLY' } | { kind: 'REPEAT' } | { kind: 'REFUSE'; code: 'INVALID_STATUS_TRANSITION' | 'INVALID'; field: 'step' | 'occurredAt'; message: string };

/**
 * Whether a warehouse worker may record a step: only the next one (a parcel is picked before it is packed,
 * and packed before it leaves); the same step again is a harmless repeat (a second scan); nothing on a
 * shipment that was cancelled or moved to another node; and the event time lies between the shipment's
 * previous step and now.
 */
export function decideStep(current: ShipmentState, step: WarehouseStep, occurredAt: Date, previousAt: Date, now: Date): StepDecision {
  if (current === 'CANCELLED' || current === 'REALLOCATED') {
    return { kind: 'REFUSE', code: 'INVALID_STATUS_TRANSITION', field: 'step', message: `The shipment is ${current}; nothing more happens to it here` };
  }
  const from = RANK[current]!;
  const to = RANK[step]!;
  if (to === from) return { kind: 'REPEAT' };
  if (to < from) return { kind: 'REPEAT' };
  if (to > from + 1) {
    return { kind: 'REFUSE', code: 'INVALID_STATUS_TRANSITION', field: 'step', message: `The shipment is ${current}; ${WAREHOUSE_STEPS[from]} comes first` };
  }
  if (occurredAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
    return { kind: 'REFUSE', code: 'INVALID', field: 'occurredAt', message: 'The event time lies in the future' };
  if (occurredAt.getTime() < previousAt.getTime())
    return { kind: 'REFUSE', code: 'INVALID', field: 'occurredAt', message: "The event time lies before the shipment's previous step" };
  return { kind: 'APPLY' };
}

/**
 * Core keeps one status per order, so a step is reported when every live shipment of the order has reached
 * it (the last parcel picked makes the order PICKED). Cancelled and re-allocated shipments do not count.
 */
export function orderReachedStep(shipmentStates: readonly ShipmentState[], step: WarehouseStep): boolean {
  const live = shipmentStates.filter((state) => state !== 'CANCELLED' && state !== 'REALLOCATED');
  return live.length > 0 && live.every((state) => RANK[state]! >= RANK[step]!);
}

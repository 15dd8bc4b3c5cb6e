import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { DomainError } from '@hub/shared/errors';

export const RETURN_STATES = ['REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED', 'REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE'] as const;
export type ReturnState = (typeof RETURN_STATES)[number];

/** States in which a return holds the order: core's status follows one return at a time. */
export const OPEN_RETURN_STATES = ['REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED'] as const satisfies readonly ReturnState[];

export type ReturnStep = 'request' | 'schedulePickup' | 'reschedulePickup' | 'cancelPickup' | 'withdraw' | 'pickUp' | 'receive' | 'refund' | 'reject';

/**
 * How a return moves, and which order status each move sets in core (null: the order's status stays).
 * A return may cover some lines and some units (a partial return), so an order-level status describes the
 * order's latest return, never the whole order: REFUNDED after a partial return means "the last return was
 * refunded", and a further return starts again from REFUNDED (or RETURN_REJECTED) → RETURN_REQUESTED. What
 * is returned per line is read from region-cn (`Order.cn.returns`, `returnEligibility`).
 */
export const RETURN_STEPS: Readonly<Record<ReturnStep, { from: readonly ReturnState[] | null; to: ReturnState; orderStatus: OrderStatus | null }>> = {
  request: { from: null, to: 'REQUESTED', orderStatus: 'RETURN_REQUESTED' },
  schedulePickup: { from: ['REQUESTED'], to: 'PICKUP_SCHEDULED', orderStatus: 'RETURN_PICKUP_SCHEDULED' },
  reschedulePickup: { from: ['PICKUP_SCHEDULED'], to: 'PICKUP_SCHEDULED', orderStatus: null },
  cancelPickup: { from: ['PICKUP_SCHEDULED'], to: 'REQUESTED', orderStatus: 'RETURN_REQUESTED' },
  withdraw: { from: ['REQUESTED', 'PICKUP_SCHEDULED'], to: 'WITHDRAWN', orderStatus: 'SIGNED' },
  pickUp: { from: ['PICKUP_SCHEDULED'], to: 'PICKED_UP', orderStatus: 'RETURN_PICKED_UP' },
  // From REQUESTED: the customer sent the parcel or dropped it off instead of waiting for a door pickup.
  receive: { from: ['PICKED_UP', 'REQUESTED'], to: 'RECEIVED', orderStatus: 'RETURN_RECEIVED' },
  refund: { from: ['RECEIVED'], to: 'REFUNDED', orderStatus: 'REFUNDED' },
  reject: { from: ['RECEIVED'], to: 'REJECTED', orderStatus: 'RETURN_REJECTED' },
};

export class InvalidReturnStepError extends DomainError {
  constructor(state: ReturnState, step: ReturnStep) {
    super('INVALID_STATUS_TRANSITION', `A return that is ${state} cannot ${step}`, { returnState: state, step });
  }
}

export function assertReturnStep(state: ReturnState, step: ReturnStep): void {
  const from = RETURN_STEPS[step].from;
  if (!from || !from.includes(state)) throw new InvalidReturnStepError(state, step);
}

export function isOpenReturn(state: ReturnState): boolean {
  return (OPEN_RETURN_STATES as readonly ReturnState[]).includes(state);
}

import type { CnReturnState } from '../../gql/graphql';

/** The task flow of a CN 7-day return, in the order a person works it. */
export const RETURN_STEPS = [
  { key: 'request', label: 'Requested' },
  { key: 'pickup', label: 'Pickup booked' },
  { key: 'collect', label: 'Collected at the door' },
  { key: 'inspect', label: 'Received and inspected' },
  { key: 'settle', label: 'Settled' },
] as const;
export type ReturnStepKey = (typeof RETURN_STEPS)[number]['key'];

const REACHED: Record<CnReturnState, number> = {
  REQUESTED: 0,
  PICKUP_SCHEDULED: 1,
  PICKED_UP: 2,
  RECEIVED: 3,
  REFUNDED: 4,
  REJECTED: 4,
  WITHDRAWN: 0,
  REFUSED_BY_CORE: 0,
};

/** Every state a return can be in, in the order of the flow. */
export const RETURN_STATES = Object.keys(REACHED) as CnReturnState[];

/** Index of the last step done; the flow of a withdrawn or refused return stops there. */
export const stepReached = (state: CnReturnState) => REACHED[state];

/** Whether the return still has work: a person acts on the next step. */
export const isOpen = (state: CnReturnState) => !['REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE'].includes(state);

/**
 * The actions the flow offers in a state. Offered to every role: whether this person may take one is the API's
 * answer (a refusal is shown beside the button), so the console never copies the hub's rights.
 */
export function actionsFor(state: CnReturnState): ReadonlyArray<'book' | 'withdraw' | 'cancel-pickup' | 'scan' | 'inspect' | 'settle'> {
  switch (state) {
    case 'REQUESTED':
      return ['book', 'withdraw'];
    case 'PICKUP_SCHEDULED':
      return ['scan', 'cancel-pickup', 'withdraw'];
    case 'PICKED_UP':
      return ['inspect'];
    case 'RECEIVED':
      return ['settle'];
    default:
      return [];
  }
}

/** Two pickup slots for the next day in a district (10:00-12:00 and 14:00-16:00 Beijing time), free of charge. */
export function nextDaySlots(now: Date): Array<{ startsAt: string; endsAt: string; capacity: number; fee: number }> {
  const beijingDay = new Date(now.getTime() + 8 * 3_600_000);
  const day = Date.UTC(beijingDay.getUTCFullYear(), beijingDay.getUTCMonth(), beijingDay.getUTCDate() + 1);
  const at = (hour: number) => new Date(day + (hour - 8) * 3_600_000).toISOString();
  return [
    { startsAt: at(10), endsAt: at(12), capacity: 5, fee: 0 },
    { startsAt: at(14), endsAt: at(16), capacity: 5, fee: 0 },
  ];
}

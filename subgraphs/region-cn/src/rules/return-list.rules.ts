import { InputValidationError } from '@hub/shared/errors';
import { OPEN_RETURN_STATES, RETURN_STATES, type ReturnState } from './return-steps.rules.js';

export const RETURN_LIST_SORTS = ['NEWEST_FIRST', 'OLDEST_FIRST'] as const;
export type ReturnListSort = (typeof RETURN_LIST_SORTS)[number];

export interface ReturnListFilter {
  states?: readonly ReturnState[] | null;
  /** True: only returns that still hold work; false: only settled and closed ones. */
  open?: boolean | null;
  requestedFrom?: Date | null;
  requestedTo?: Date | null;
}

/**
 * The states a staff list reads: the states asked for, narrowed to open or closed ones when asked; every state
 * when neither is given. Empty when the two contradict, so the list is empty rather than a refusal.
 */
export function statesToList({ states, open }: Pick<ReturnListFilter, 'states' | 'open'>): readonly ReturnState[] {
  const asked = states ?? RETURN_STATES;
  if (open === undefined || open === null) return asked;
  return asked.filter((state) => (OPEN_RETURN_STATES as readonly ReturnState[]).includes(state) === open);
}

/** A requested-at window must end after it starts: a window that cannot hold a return is the caller's mistake. */
export function checkRequestedRange({ requestedFrom, requestedTo }: Pick<ReturnListFilter, 'requestedFrom' | 'requestedTo'>): void {
  if (requestedFrom && requestedTo && requestedTo.getTime() <= requestedFrom.getTime())
    throw new InputValidationError('filter.requestedTo', 'requestedTo must be later than requestedFrom');
}

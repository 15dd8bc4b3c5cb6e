import { InputValidationError } from '@hub/shared/errors';

/** The widest placing-date window one list request may ask for: a year keeps the range scan on the index bounded. */
export const MAX_PLACED_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export interface PlacedRange {
  /** Placed at or after. */
  from?: Date;
  /** Placed strictly before: a console's "to" day is sent as the next midnight. */
  to?: Date;
}

/**
 * Checks an order list's placing-date window: an inverted, empty or too wide range is the caller's mistake and
 * named by its field, so a client can show it beside the input rather than as an empty list.
 */
export function checkPlacedRange(range: PlacedRange): PlacedRange {
  const { from, to } = range;
  if (from && to) {
    if (to.getTime() <= from.getTime()) throw new InputValidationError('filter.placedTo', 'placedTo must be later than placedFrom');
    if (to.getTime() - from.getTime() > MAX_PLACED_RANGE_DAYS * DAY_MS)
      throw new InputValidationError('filter.placedTo', `The placing-date range may span at most ${MAX_PLACED_RANGE_DAYS} days`);
  }
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** China Standard Time is UTC+8 all year: mainland China has observed no daylight saving time since 1991. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A period counted in whole CST calendar days. */
export interface CstPeriod {
  /** The last day of the period as a CST calendar date (YYYY-MM-DD), inclusive. */
  lastDay: string;
  /** The first instant after the period: midnight CST at the end of `lastDay`. */
  endsBefore: Date;
}

/** The CST calendar date of an instant, as days since 1970-01-01. */
export function cstDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + CST_OFFSET_MS) / DAY_MS);
}

export function cstDateOf(instant: Date): string {
  return formatDayNumber(cstDayNumber(instant));
}

/**
 * A period of `days` days that starts on the day after `event` (CST), as periods counted in days do
 * under Civil Code art. 201 (the day of the event itself is not counted), and ends at midnight CST.
 */
export function periodAfter(event: Date, days: number): CstPeriod {
  const lastDayNumber = cstDayNumber(event) + days;
  return { lastDay: formatDayNumber(lastDayNumber), endsBefore: new Date((lastDayNumber + 1) * DAY_MS - CST_OFFSET_MS) };
}

function formatDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

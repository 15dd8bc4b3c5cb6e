/** ISO calendar date (YYYY-MM-DD); such strings compare correctly as text. */
export type IsoDate = string;

const BERLIN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The calendar date in Germany at an instant: German tax periods and retention periods (§147(4) AO) run by
 * the local calendar, so an order placed at 00:30 on 1 January in Berlin belongs to the new year.
 */
export function berlinDate(instant: Date): IsoDate {
  const parts = Object.fromEntries(BERLIN_DATE.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** Whether `value` is a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/**
 * Completed years of life on `on`. Someone born on 29 February completes a year on 1 March in common
 * years, the later of the two readings, so an age limit is never met a day early.
 */
export function ageOn(dateOfBirth: IsoDate, on: IsoDate): number {
  const years = yearOf(on) - yearOf(dateOfBirth);
  return on.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

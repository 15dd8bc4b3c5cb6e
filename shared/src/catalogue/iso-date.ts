/** ISO calendar date (YYYY-MM-DD); such strings compare correctly as text. */
export type IsoDate = string;

/** Whether `value` is a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date in `timeZone` at an instant: tax periods and rate changes run by the local calendar. */
export function localDate(instant: Date, timeZone: string): IsoDate {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

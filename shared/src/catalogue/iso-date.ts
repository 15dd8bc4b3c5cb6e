/** ISO calendar date (YYYY-MM-DD); such strings compare correctly as text. */
export type IsoDate = string;

/** Whether `value` is a real calendar date written as YYYY-MM-DD (rejects 2025-02-30). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Each time zone's formatter, with the minute it last formatted and that minute's date. */
const zones = new Map<string, { format: Intl.DateTimeFormat; minute: number; date: IsoDate }>();

/**
 * The calendar date in `timeZone` at an instant: tax periods and rate changes run by the local calendar. Every order
 * asks, and formatting costs more than the rest of a quote (1.6 % of region-cn's CPU under load), so each zone keeps
 * its last minute's answer: every UTC offset in use since 1972 is a whole number of minutes, so a local date changes
 * only on a minute's boundary.
 */
export function localDate(instant: Date, timeZone: string): IsoDate {
  let zone = zones.get(timeZone);
  if (!zone) {
    zone = { format: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }), minute: NaN, date: '' };
    zones.set(timeZone, zone);
  }
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute !== zone.minute) {
    const parts = Object.fromEntries(zone.format.formatToParts(instant).map((part) => [part.type, part.value]));
    zone.date = `${parts.year}-${parts.month}-${parts.day}`;
    zone.minute = minute;
  }
  return zone.date;
}

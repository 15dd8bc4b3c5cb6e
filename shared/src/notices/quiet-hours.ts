/** A customer's "do not disturb" window in their own time zone, e.g. 22:00-07:00 Asia/Shanghai. */
export interface QuietHours {
  /** Minutes after local midnight. */
  startMinute: number;
  endMinute: number;
  timeZone: string;
}

function localMinuteOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const hour = Number(parts.find((part) => part.type === 'hour')?.value);
  const minute = Number(parts.find((part) => part.type === 'minute')?.value);
  return hour * 60 + minute;
}

const inWindow = (minute: number, start: number, end: number) => (start <= end ? minute >= start && minute < end : minute >= start || minute < end);

/**
 * When a notice may be sent: now, unless now falls in the customer's quiet hours, then the end of them.
 * Local times come from `Intl`, so daylight-saving changes in the customer's zone are honoured.
 */
export function nextSendTime(now: Date, quiet: QuietHours | null): Date {
  if (!quiet || quiet.startMinute === quiet.endMinute) return now;
  const minute = localMinuteOfDay(now, quiet.timeZone);
  if (!inWindow(minute, quiet.startMinute, quiet.endMinute)) return now;
  const waitMinutes = (quiet.endMinute - minute + 24 * 60) % (24 * 60);
  const candidate = Math.floor(now.getTime() / 60_000) * 60_000 + waitMinutes * 60_000;
  // A DST change inside the window shifts local time by the difference: correct once against the zone.
  let drift = quiet.endMinute - localMinuteOfDay(new Date(candidate), quiet.timeZone);
  if (drift > 720) drift -= 1440;
  if (drift <= -720) drift += 1440;
  return new Date(candidate + drift * 60_000);
}

/** Parses "22:00-07:00" into a window; `null` for anything else. */
export function parseQuietHours(text: string, timeZone: string): QuietHours | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  return { startMinute: Number(match[1]) * 60 + Number(match[2]), endMinute: Number(match[3]) * 60 + Number(match[4]), timeZone };
}

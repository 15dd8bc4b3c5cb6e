import { CLOCK_SKEW_MS, LATE_UPLOAD_DAYS, resolveEventTime } from './event-time.rules.js';

describe('resolveEventTime', () => {
  const recordedAt = new Date('2026-12-02T12:00:00Z');
  const previous = new Date('2026-11-28T08:00:00Z');
  const minutes = (n: number) => new Date(recordedAt.getTime() + n * 60_000);
  const days = (n: number) => new Date(recordedAt.getTime() + n * 24 * 60 * 60_000);

  it.each([
    ['no reported time: when recorded', undefined, previous, recordedAt],
    ['two days ago (a batch upload)', days(-2), previous, days(-2)],
    ['a clock slightly ahead', minutes(CLOCK_SKEW_MS / 60_000), previous, minutes(CLOCK_SKEW_MS / 60_000)],
    ["exactly the previous step's time", previous, previous, previous],
    ['the limit of a late upload', days(-LATE_UPLOAD_DAYS), null, days(-LATE_UPLOAD_DAYS)],
  ] as const)('accepts %s', (_label, reported, before, expected) => {
    expect(resolveEventTime(reported, recordedAt, before)).toEqual(expected);
  });

  it.each([
    ['in the future beyond the skew', minutes(CLOCK_SKEW_MS / 60_000 + 1), null, 'future'],
    ['older than the late-upload limit', days(-LATE_UPLOAD_DAYS - 1), null, 'days ago'],
    ['before the previous step', new Date(previous.getTime() - 1), previous, 'previous step'],
  ] as const)('refuses a time %s', (_label, reported, before, message) => {
    expect(() => resolveEventTime(reported, recordedAt, before)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'occurredAt' }, message: expect.stringContaining(message) }),
    );
  });
});

import { isIsoDate, localDate } from './iso-date.js';

describe('isIsoDate', () => {
  it.each([
    ['2026-12-05', true],
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-02-30', false],
    ['2026-13-01', false],
    ['2026-1-05', false],
    ['2026-12-05T00:00:00Z', false],
  ])('%p: %p', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe('localDate', () => {
  // In this order: each answer must come from its own instant, not from the zone's previous one.
  it.each([
    ['2026-12-04T15:59:59.999Z', 'Asia/Shanghai', '2026-12-04'],
    ['2026-12-04T16:00:00.000Z', 'Asia/Shanghai', '2026-12-05'],
    ['2026-12-04T15:59:00.000Z', 'Asia/Shanghai', '2026-12-04'],
    ['2026-12-04T16:00:00.000Z', 'Europe/Berlin', '2026-12-04'],
    ['2026-12-04T23:00:00.000Z', 'Europe/Berlin', '2026-12-05'],
    // Summer time: Berlin is two hours ahead.
    ['2026-07-01T21:59:59.000Z', 'Europe/Berlin', '2026-07-01'],
    ['2026-07-01T22:00:00.000Z', 'Europe/Berlin', '2026-07-02'],
    // A zone half an hour off the hour.
    ['2026-12-04T18:29:59.000Z', 'Asia/Kolkata', '2026-12-04'],
    ['2026-12-04T18:30:00.000Z', 'Asia/Kolkata', '2026-12-05'],
    ['2026-12-05T12:00:00.000Z', 'Pacific/Kiritimati', '2026-12-06'],
    ['2026-12-05T12:00:00.000Z', 'Pacific/Pago_Pago', '2026-12-05'],
  ])('%s in %s is %s', (instant, timeZone, date) => {
    expect(localDate(new Date(instant), timeZone)).toBe(date);
  });

  it('refuses an invalid instant every time', () => {
    expect(() => localDate(new Date(NaN), 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => localDate(new Date(NaN), 'Asia/Shanghai')).toThrow(RangeError);
  });
});

import { cstDateOf, periodAfter } from './cn-calendar.js';

describe('CST calendar', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30'],
    ['2026-11-30T16:00:00.000Z', '2026-12-01'],
    ['2026-12-31T16:00:00.000Z', '2027-01-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('%s is %s in China', (instant, date) => {
    expect(cstDateOf(new Date(instant))).toBe(date);
  });

  it.each([
    ['at 00:00 CST', '2026-11-30T16:00:00.000Z', '2026-12-08', '2026-12-08T16:00:00.000Z'],
    ['at 23:59 CST', '2026-12-01T15:59:00.000Z', '2026-12-08', '2026-12-08T16:00:00.000Z'],
    ['late on 28 Feb of a common year', '2027-02-28T15:00:00.000Z', '2027-03-07', '2027-03-07T16:00:00.000Z'],
    ['across the new year', '2026-12-28T03:00:00.000Z', '2027-01-04', '2027-01-04T16:00:00.000Z'],
  ])('a 7-day period after an event %s ends after the 7th following CST day', (_label, event, lastDay, endsBefore) => {
    const period = periodAfter(new Date(event), 7);
    expect(period.lastDay).toBe(lastDay);
    expect(period.endsBefore.toISOString()).toBe(endsBefore);
  });
});

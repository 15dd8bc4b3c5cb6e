import { ageOn, berlinDate, isIsoDate } from './calendar.rules.js';

describe('berlinDate', () => {
  it.each([
    ['2026-12-31T22:59:59Z', '2026-12-31'],
    ['2026-12-31T23:00:00Z', '2027-01-01'], // winter time, UTC+1
    ['2026-06-30T21:59:59Z', '2026-06-30'],
    ['2026-06-30T22:00:00Z', '2026-07-01'], // summer time, UTC+2
  ])('%s is %s in Germany', (instant, date) => {
    expect(berlinDate(new Date(instant))).toBe(date);
  });
});

describe('ageOn', () => {
  it.each([
    ['2008-03-10', '2026-03-09', 17],
    ['2008-03-10', '2026-03-10', 18],
    ['2008-02-29', '2026-02-28', 17],
    ['2008-02-29', '2026-03-01', 18],
  ])('born %s, on %s: %i', (dateOfBirth, on, age) => {
    expect(ageOn(dateOfBirth, on)).toBe(age);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['1990-13-01', false],
    ['01.04.1990', false],
    ['1990-4-1', false],
  ])('%s → %s', (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

import { InputValidationError } from '@hub/shared/errors';
import { checkPlacedRange } from './placed-range.rules.js';

const at = (iso: string) => new Date(iso);

describe('checkPlacedRange', () => {
  it.each([
    ['no bounds', {}, {}],
    ['from only', { from: at('2026-12-01T00:00:00Z') }, { from: at('2026-12-01T00:00:00Z') }],
    ['to only', { to: at('2026-12-02T00:00:00Z') }, { to: at('2026-12-02T00:00:00Z') }],
    ['one day', { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-02T00:00:00Z') }, { from: at('2026-12-01T00:00:00Z'), to: at('2026-12-02T00:00:00Z') }],
    [
      'a full leap year',
      { from: at('2028-01-01T00:00:00Z'), to: at('2029-01-01T00:00:00Z') },
      { from: at('2028-01-01T00:00:00Z'), to: at('2029-01-01T00:00:00Z') },
    ],
  ])('accepts %s', (_name, range, expected) => {
    expect(checkPlacedRange(range)).toEqual(expected);
  });

  it.each([
    ['to before from', { from: at('2026-12-02T00:00:00Z'), to: at('2026-12-01T00:00:00Z') }, /later than/],
    ['an empty range', { from: at('2026-12-02T00:00:00Z'), to: at('2026-12-02T00:00:00Z') }, /later than/],
    ['more than 366 days', { from: at('2026-01-01T00:00:00Z'), to: at('2027-01-03T00:00:00Z') }, /at most 366 days/],
  ])('refuses %s on filter.placedTo', (_name, range, message) => {
    let caught: unknown;
    try {
      checkPlacedRange(range);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputValidationError);
    expect((caught as InputValidationError).field).toBe('filter.placedTo');
    expect((caught as Error).message).toMatch(message);
  });
});

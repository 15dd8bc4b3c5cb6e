import { DomainError } from '@hub/shared/errors';
import { assertWithinCodLimit, COD_LIMITS } from './cod-limit.rules.js';
import { SEA_COUNTRIES } from './country-currency.rules.js';

describe('assertWithinCodLimit', () => {
  it.each([
    ['ID', 5_000_000, true],
    ['ID', 5_000_001, false],
    ['TH', 1_000_000, true],
    ['TH', 1_000_001, false],
    ['MY', 150_000, true],
    ['MY', 150_001, false],
    ['PH', 2_000_001, false],
    ['VN', 10_000_000, true],
    ['SG', 50_001, false],
  ] as const)('%s, total %i: allowed %s', (country, total, allowed) => {
    const check = () => assertWithinCodLimit(country, total);
    if (allowed) expect(check).not.toThrow();
    else
      expect(check).toThrow(
        expect.objectContaining({
          code: 'BAD_USER_INPUT',
          details: expect.objectContaining({ field: 'payment', rule: 'COD_LIMIT_EXCEEDED', limit: COD_LIMITS[country] }),
        }),
      );
  });

  it('has a limit for every country region-sea ships to', () => {
    expect(Object.keys(COD_LIMITS).sort()).toEqual([...SEA_COUNTRIES].sort());
  });

  it('throws a domain error the GraphQL boundary maps to extensions, naming the limit in major units', () => {
    expect(() => assertWithinCodLimit('SG', 60_000)).toThrow(DomainError);
    expect(() => assertWithinCodLimit('MY', 150_001)).toThrow('Cash on delivery is limited to 1,500 MYR per order in MY');
    expect(() => assertWithinCodLimit('ID', 5_000_001)).toThrow('Cash on delivery is limited to 5,000,000 IDR per order in ID');
  });
});

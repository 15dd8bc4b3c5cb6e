import { EU_MEMBER_STATES, isValidPostalCode, maskPostalCode, type EuMemberState } from './postal-code.rules.js';

/** A real postal code of each member state, mostly of its capital. */
const SAMPLES: Record<EuMemberState, string> = {
  AT: '1010',
  BE: '1000',
  BG: '1000',
  HR: '10000',
  CY: '1010',
  CZ: '110 00',
  DK: '1050',
  EE: '10111',
  FI: '00100',
  FR: '75001',
  DE: '10115',
  GR: '105 57',
  HU: '1051',
  IE: 'D02 X285',
  IT: '00118',
  LV: 'LV-1050',
  LT: 'LT-01100',
  LU: 'L-1009',
  MT: 'VLT 1117',
  NL: '1012 AB',
  PL: '00-950',
  PT: '1000-001',
  RO: '010011',
  SK: '811 01',
  SI: '1000',
  ES: '28001',
  SE: '111 52',
};

describe('isValidPostalCode', () => {
  it.each(EU_MEMBER_STATES.map((country) => [country, SAMPLES[country]]))('accepts %s %s', (country, postalCode) => {
    expect(isValidPostalCode(country, postalCode)).toBe(true);
  });

  it.each([
    ['DE', '1011', 'four digits'],
    ['DE', '101155', 'six digits'],
    ['DE', 'D-10115', 'an old-style country prefix'],
    ['NL', '1012ab', 'lower-case letters'],
    ['PL', '00950', 'no hyphen'],
    ['CH', '8001', 'a country outside the EU'],
    ['GB', 'SW1A 1AA', 'a former member state'],
    ['de', '10115', 'a lower-case country code'],
    ['toString', '10115', 'a name on Object.prototype'],
  ])('rejects %s %s (%s)', (country, postalCode) => {
    expect(isValidPostalCode(country, postalCode)).toBe(false);
  });
});

describe('maskPostalCode', () => {
  it.each([
    ['10115', '10***'],
    ['1012 AB', '10***'],
    ['LT-01100', '01***'],
  ])('%s → %s', (postalCode, expected) => {
    expect(maskPostalCode(postalCode)).toBe(expected);
  });
});

import { isValidPostalCode } from './postal-code.rules.js';

describe('isValidPostalCode', () => {
  it.each([
    ['ID', '10110', true],
    ['ID', '1011', false],
    ['ID', '01011', false],
    ['TH', '10200', true],
    ['TH', '102000', false],
    ['TH', '01020', false],
    ['MY', '50450', true],
    ['MY', '01000', true],
    ['MY', '5045', false],
    ['PH', '1000', true],
    ['PH', '0400', true],
    ['PH', '10000', false],
    ['VN', '100000', true],
    ['VN', '10000', false],
    ['SG', '018956', true],
    ['SG', '18956', false],
    ['SG', '01895a', false],
    ['SG', ' 018956', false],
    ['MM', '11181', false],
  ])('%s %s → %s', (country, postalCode, expected) => {
    expect(isValidPostalCode(country, postalCode)).toBe(expected);
  });
});

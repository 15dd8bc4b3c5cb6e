import { determineCurrency, MINOR_UNITS_PER_MAJOR, SEA_COUNTRIES } from './country-currency.rules.js';

describe('determineCurrency', () => {
  it.each([
    ['ID', 'IDR'],
    ['TH', 'THB'],
    ['MY', 'MYR'],
    ['PH', 'PHP'],
    ['VN', 'VND'],
    ['SG', 'SGD'],
    ['MM', undefined],
    ['id', undefined],
    ['toString', undefined],
  ])('%s → %s', (country, currency) => {
    expect(determineCurrency(country)).toBe(currency);
  });

  it('covers exactly the six countries region-sea ships to', () => {
    expect(SEA_COUNTRIES).toEqual(['ID', 'TH', 'MY', 'PH', 'VN', 'SG']);
  });
});

describe('MINOR_UNITS_PER_MAJOR', () => {
  it.each([
    ['IDR', 1],
    ['VND', 1],
    ['THB', 100],
    ['MYR', 100],
    ['PHP', 100],
    ['SGD', 100],
  ] as const)('%s: %i minor units per major unit', (currency, units) => {
    expect(MINOR_UNITS_PER_MAJOR[currency]).toBe(units);
  });
});

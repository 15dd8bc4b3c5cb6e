import { determineCurrency, SEA_COUNTRIES } from './country-currency.rules.js';

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

import { EU_MEMBER_STATES } from './eu-member-states.js';
import { EU_VAT_RATES, NATIONAL_VAT_RATES, rateForTaxClass, standardVatRate, vatRatesOn } from './vat-rates.table.js';
import type { EuTaxClass } from './tax-class.js';

describe('standard rates at the dates they changed', () => {
  it.each([
    ['DE', '2020-06-30', 1900],
    ['DE', '2020-07-01', 1600],
    ['DE', '2020-12-31', 1600],
    ['DE', '2021-01-01', 1900],
    ['EE', '2023-12-31', 2000],
    ['EE', '2024-01-01', 2200],
    ['EE', '2025-06-30', 2200],
    ['EE', '2025-07-01', 2400],
    ['FI', '2024-08-31', 2400],
    ['FI', '2024-09-01', 2550],
    ['SK', '2024-12-31', 2000],
    ['SK', '2025-01-01', 2300],
    ['IE', '2020-08-31', 2300],
    ['IE', '2020-09-01', 2100],
    ['IE', '2021-02-28', 2100],
    ['IE', '2021-03-01', 2300],
    ['LU', '2022-12-31', 1700],
    ['LU', '2023-01-01', 1600],
    ['LU', '2023-12-31', 1600],
    ['LU', '2024-01-01', 1700],
    ['RO', '2025-07-31', 1900],
    ['RO', '2025-08-01', 2100],
    ['SG', '2023-12-31', 800],
    ['SG', '2024-01-01', 900],
  ] as const)('%s on %s: %i bp', (country, date, rateBp) => {
    expect(standardVatRate(country, date)?.rateBp).toBe(rateBp);
  });

  it.each([
    ['FI', '2025-12-31', [1000, 1400]],
    ['FI', '2026-01-01', [1000, 1350]],
    ['LT', '2025-12-31', [500, 900]],
    ['LT', '2026-01-01', [500, 1200]],
  ] as const)('reduced rates of %s on %s: %j (a past date keeps the old ones)', (country, date, reduced) => {
    expect(vatRatesOn(country, date)?.reduced).toEqual(reduced);
  });

  it('names the day the standard rate began, not the day another rate changed', () => {
    expect(standardVatRate('EE', '2025-11-25')).toEqual({ from: '2025-07-01', rateBp: 2400 });
    expect(standardVatRate('EE', '2025-03-01')).toEqual({ from: '2024-01-01', rateBp: 2200 });
    expect(standardVatRate('CZ', '2025-03-01')).toEqual({ from: '2020-01-01', rateBp: 2100 });
    expect(standardVatRate('FI', '2026-03-01')).toEqual({ from: '2024-09-01', rateBp: 2550 });
  });

  it('knows no rate before the coverage or for an unknown country', () => {
    expect(vatRatesOn('DE', '2019-12-31')).toBeUndefined();
    expect(vatRatesOn('US', '2026-01-01')).toBeUndefined();
  });

  it.each([
    ['AT', 2000],
    ['BE', 2100],
    ['BG', 2000],
    ['HR', 2500],
    ['CY', 1900],
    ['CZ', 2100],
    ['DK', 2500],
    ['EE', 2400],
    ['FI', 2550],
    ['FR', 2000],
    ['DE', 1900],
    ['GR', 2400],
    ['HU', 2700],
    ['IE', 2300],
    ['IT', 2200],
    ['LV', 2100],
    ['LT', 2100],
    ['LU', 1700],
    ['MT', 1800],
    ['NL', 2100],
    ['PL', 2300],
    ['PT', 2300],
    ['RO', 2100],
    ['SK', 2300],
    ['SI', 2200],
    ['ES', 2100],
    ['SE', 2500],
  ] as const)('standard rate of %s in 2026 is %i bp', (country, rateBp) => {
    expect(standardVatRate(country, '2026-01-01')?.rateBp).toBe(rateBp);
  });

  it('has a history for each of the 27 member states, oldest first, with reduced rates ascending and below the standard rate', () => {
    expect(Object.keys(EU_VAT_RATES).sort()).toEqual([...EU_MEMBER_STATES].sort());
    for (const periods of [...Object.values(EU_VAT_RATES), ...Object.values(NATIONAL_VAT_RATES)]) {
      expect(periods.map((p) => p.from)).toEqual([...periods.map((p) => p.from)].sort());
      for (const period of periods) {
        expect([...period.reduced]).toEqual([...period.reduced].sort((a, b) => a - b));
        expect(period.reduced.every((rate) => rate >= 500 && rate < period.standard)).toBe(true);
        expect(period.superReduced === null || period.superReduced < 500).toBe(true);
      }
    }
  });
});

describe('rate by tax class', () => {
  it.each<[string, string, EuTaxClass, number]>([
    ['DE', '2026-03-01', 'STANDARD', 1900],
    ['DE', '2026-03-01', 'REDUCED', 700], // books
    ['DE', '2020-08-01', 'REDUCED', 500], // second half of 2020
    ['DE', '2026-03-01', 'SUPER_REDUCED', 700], // no super-reduced rate: the next higher one
    ['DE', '2026-03-01', 'ZERO', 700],
    ['FR', '2026-03-01', 'REDUCED', 550],
    ['FR', '2026-03-01', 'SUPER_REDUCED', 210],
    ['IE', '2026-03-01', 'ZERO', 0],
    ['IT', '2026-03-01', 'SUPER_REDUCED', 400],
    ['DK', '2026-03-01', 'REDUCED', 2500], // Denmark has only its standard rate
    ['DK', '2026-03-01', 'ZERO', 0], // newspapers
    ['PL', '2023-05-01', 'ZERO', 0],
    ['PL', '2024-04-01', 'ZERO', 500],
    ['RO', '2025-07-31', 'REDUCED', 500],
    ['RO', '2025-08-01', 'REDUCED', 1100],
    ['LU', '2023-06-01', 'REDUCED', 700],
    ['ES', '2024-12-31', 'ZERO', 0], // basic food (see VAT_RATES_CHECKS: 2 % in that quarter is not expressible)
    ['ES', '2025-01-01', 'ZERO', 400],
    ['LU', '2026-03-01', 'SUPER_REDUCED', 300],
    ['CN', '2026-03-01', 'REDUCED', 900],
    ['TH', '2026-03-01', 'REDUCED', 700],
  ])('%s on %s, %s: %i bp', (country, date, taxClass, rateBp) => {
    expect(rateForTaxClass(vatRatesOn(country, date)!, taxClass)).toBe(rateBp);
  });
});

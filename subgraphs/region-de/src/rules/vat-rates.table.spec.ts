import { EU_MEMBER_STATES } from './postal-code.rules.js';
import { STANDARD_VAT_RATES, standardVatRate } from './vat-rates.table.js';

describe('standardVatRate at the dates rates changed', () => {
  it.each([
    ['DE', '2020-06-30', 1900], ['DE', '2020-07-01', 1600], ['DE', '2020-12-31', 1600], ['DE', '2021-01-01', 1900],
    ['EE', '2023-12-31', 2000], ['EE', '2024-01-01', 2200], ['EE', '2025-06-30', 2200], ['EE', '2025-07-01', 2400],
    ['FI', '2024-08-31', 2400], ['FI', '2024-09-01', 2550],
    ['SK', '2024-12-31', 2000], ['SK', '2025-01-01', 2300],
    ['IE', '2020-08-31', 2300], ['IE', '2020-09-01', 2100], ['IE', '2021-02-28', 2100], ['IE', '2021-03-01', 2300],
    ['LU', '2022-12-31', 1700], ['LU', '2023-01-01', 1600], ['LU', '2023-12-31', 1600], ['LU', '2024-01-01', 1700],
    ['RO', '2025-07-31', 1900], ['RO', '2025-08-01', 2100],
  ] as const)('%s on %s: %i bp', (country, date, rateBp) => {
    expect(standardVatRate(country, date)?.rateBp).toBe(rateBp);
  });

  it('names the day the applied period began', () => {
    expect(standardVatRate('EE', '2025-11-25')).toEqual({ from: '2025-07-01', rateBp: 2400 });
  });

  it('knows no rate before the table\'s coverage', () => {
    expect(standardVatRate('DE', '2019-12-31')).toBeUndefined();
  });

  it.each([
    ['AT', 2000], ['BE', 2100], ['BG', 2000], ['HR', 2500], ['CY', 1900], ['CZ', 2100], ['DK', 2500], ['EE', 2400], ['FI', 2550],
    ['FR', 2000], ['DE', 1900], ['GR', 2400], ['HU', 2700], ['IE', 2300], ['IT', 2200], ['LV', 2100], ['LT', 2100], ['LU', 1700],
    ['MT', 1800], ['NL', 2100], ['PL', 2300], ['PT', 2300], ['RO', 2100], ['SK', 2300], ['SI', 2200], ['ES', 2100], ['SE', 2500],
  ] as const)('current standard rate of %s is %i bp', (country, rateBp) => {
    expect(standardVatRate(country, '2026-01-01')?.rateBp).toBe(rateBp);
  });

  it('has a history for each of the 27 member states, oldest period first', () => {
    expect(Object.keys(STANDARD_VAT_RATES).sort()).toEqual([...EU_MEMBER_STATES].sort());
    for (const periods of Object.values(STANDARD_VAT_RATES)) {
      expect(periods.map((p) => p.from)).toEqual([...periods.map((p) => p.from)].sort());
    }
  });
});

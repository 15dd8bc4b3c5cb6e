import type { IsoDate } from './calendar.rules.js';
import type { EuMemberState } from './postal-code.rules.js';

/** A standard VAT rate in basis points (1900 = 19 %) in force from `from` until the next period starts. */
export interface VatRatePeriod {
  from: IsoDate;
  rateBp: number;
}

/** The table covers orders from this date on; earlier dates have no rate and are refused. */
export const VAT_TABLE_COVERAGE_FROM: IsoDate = '2020-01-01';

const unchanged = (rateBp: number): VatRatePeriod[] => [{ from: VAT_TABLE_COVERAGE_FROM, rateBp }];

/**
 * Standard VAT rates of the member states since 2020, from the European Commission's "VAT rates applied in
 * the member states" (taxation_customs, TEDB). Art. 96-99 VAT Directive: each state sets its own standard
 * rate, and the rate due is the one in force when the tax becomes chargeable. Append a period when a state
 * changes its rate; never edit a past one. Reduced rates and special territories' rates are not covered.
 */
export const STANDARD_VAT_RATES: Readonly<Record<EuMemberState, readonly VatRatePeriod[]>> = {
  AT: unchanged(2000),
  BE: unchanged(2100),
  BG: unchanged(2000),
  HR: unchanged(2500),
  CY: unchanged(1900),
  CZ: unchanged(2100),
  DK: unchanged(2500),
  // Estonia: 22 % from 2024 (Value Added Tax Act amendment of 2022), 24 % from 1 July 2025 (security tax package).
  EE: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 2000 }, { from: '2024-01-01', rateBp: 2200 }, { from: '2025-07-01', rateBp: 2400 }],
  // Finland: 25.5 % from 1 September 2024.
  FI: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 2400 }, { from: '2024-09-01', rateBp: 2550 }],
  FR: unchanged(2000),
  // Germany: 16 % for the second half of 2020 (Zweites Corona-Steuerhilfegesetz, §28(1) UStG).
  DE: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 1900 }, { from: '2020-07-01', rateBp: 1600 }, { from: '2021-01-01', rateBp: 1900 }],
  GR: unchanged(2400),
  HU: unchanged(2700),
  // Ireland: 21 % from 1 September 2020 to 28 February 2021 (July Jobs Stimulus).
  IE: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 2300 }, { from: '2020-09-01', rateBp: 2100 }, { from: '2021-03-01', rateBp: 2300 }],
  IT: unchanged(2200),
  LV: unchanged(2100),
  LT: unchanged(2100),
  // Luxembourg: 16 % for the calendar year 2023 (temporary cut of all rates by one point).
  LU: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 1700 }, { from: '2023-01-01', rateBp: 1600 }, { from: '2024-01-01', rateBp: 1700 }],
  MT: unchanged(1800),
  NL: unchanged(2100),
  PL: unchanged(2300),
  PT: unchanged(2300),
  // Romania: 21 % from 1 August 2025 (Law 141/2025).
  RO: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 1900 }, { from: '2025-08-01', rateBp: 2100 }],
  // Slovakia: 23 % from 1 January 2025 (consolidation package, Act 278/2024).
  SK: [{ from: VAT_TABLE_COVERAGE_FROM, rateBp: 2000 }, { from: '2025-01-01', rateBp: 2300 }],
  SI: unchanged(2200),
  ES: unchanged(2100),
  SE: unchanged(2500),
};

/** The standard rate of `country` in force on `date`, with the day that period began; undefined before the table's coverage. */
export function standardVatRate(country: EuMemberState, date: IsoDate): VatRatePeriod | undefined {
  return STANDARD_VAT_RATES[country].findLast((period) => period.from <= date);
}

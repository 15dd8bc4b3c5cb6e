import type { IsoDate } from '../iso-date.js';
import type { EuMemberState } from './eu-member-states.js';
import type { EuTaxClass } from './tax-class.js';

/** The rates of one country in force from `from` until its next period starts, in basis points (1900 = 19 %). */
export interface VatRatePeriod {
  from: IsoDate;
  standard: number;
  /** Reduced rates of at least 5 % (art. 98 VAT Directive), lowest first; empty where the state has none. */
  reduced: readonly number[];
  /** A rate below 5 % (art. 98(2), 105a; "super-reduced"), or null. */
  superReduced: number | null;
  /** Whether the state zero-rates goods a shop sells to consumers (books, newspapers or basic food). */
  zero: boolean;
  /** The "parking" rate (art. 118), kept for completeness: it applies to goods no shop class maps to. */
  parking: number | null;
}

/** Where the table comes from, shown beside every rate the API returns. */
export const VAT_RATES_SOURCE = {
  document:
    'European Commission, DG TAXUD, "VAT rates applied in the Member States of the European Union" (rate list, situation at 1 January 2025; the Commission now publishes the rates in its Taxes in Europe Database, TEDB)',
  url: 'https://taxation-customs.ec.europa.eu/taxation/vat/vat-directive/vat-rates_en',
  takenOn: '2026-12-02',
  laterChanges:
    'Estonia 24 % from 2025-07-01; Romania 21 % and 11 % from 2025-08-01 (Law 141/2025); Finland 13.5 % for 14 % from 2026-01-01; Lithuania 12 % for 9 % (books to 5 %) from 2026-01-01 (Law XV-287)',
  lastCheckedOn: '2026-12-03',
} as const;

/**
 * The last check of every figure, so a reviewer sees what was compared with what. The Commission's booklet itself
 * was not reachable from here: its 1 January 2025 list was compared through published copies of it, and every later
 * change through published notes naming the national law (news of tax advisers and VAT services). Where a change
 * touches only some goods of a class (the table holds rates per class, not per product), it is listed as not
 * expressible, with what the table does instead.
 */
export const VAT_RATES_CHECKS: ReadonlyArray<{ countries: string; checked: string; against: string; result: string }> = [
  {
    countries: 'all 27',
    checked: 'standard, reduced, super-reduced and parking rates in force on 2025-01-01',
    against:
      "copies of the Commission's list at 1 January 2025 (easytax.co 'VAT rates applicable from January 1, 2025'; vat-solutions.com 'VAT Rates 2025'; calculariva.app 2025 list) and the Commission's VAT-rates page",
    result:
      "all figures agree (one copy already shows Romania's August 2025 rates); two copies list Luxembourg's 14 % as a second reduced rate and 12 % as parking, the Commission's lists show 14 % as parking: kept, a REDUCED good bears 8 % either way",
  },
  {
    countries: 'EE',
    checked: '24 % from 2025-07-01; 13 % beside 9 % from 2025-01-01',
    against: 'Estonian Security Tax Act (marosavat.com, taxopolis.eu)',
    result: 'agree',
  },
  { countries: 'RO', checked: '21 % and one reduced 11 % from 2025-08-01', against: 'Law 141/2025 (newcraft.dev, easytax.co)', result: 'agree' },
  {
    countries: 'SK',
    checked: '23 %, 19 % and 5 % from 2025-01-01',
    against: 'Act 278/2024 (vat-solutions.com, Drupal Commerce issue 3502747)',
    result: 'agree',
  },
  {
    countries: 'FI',
    checked: '25.5 % from 2024-09-01; 14 % cut to 13.5 % from 2026-01-01',
    against: 'VAT Act §85 amendment (vatcalc.com, vatapi.com)',
    result: '13.5 % was missing: added from 2026-01-01',
  },
  {
    countries: 'LT',
    checked: '9 % abolished from 2026-01-01 (12 % for accommodation, transport, culture; books to 5 %)',
    against: 'Law XV-287 (sovos.com)',
    result: 'added from 2026-01-01',
  },
  {
    countries: 'ES',
    checked: 'basic food at 0 % in 2023 and 2024',
    against: 'Royal Decree-law 4/2024 (bybasesores.es, capital.es)',
    result:
      'not expressible: basic food bore 2 % from 2024-10-01 to 2024-12-31 while books stayed at 4 %; the table keeps ZERO-class goods at 0 % to 2024-12-31',
  },
  {
    countries: 'EE',
    checked: 'press publications at 5 % until 2024-12-31',
    against: 'Estonian VAT Act amendment (vatabout.com, pagero.com)',
    result: 'not expressible without taxing books (9 %) at 5 %: the table keeps 9 % for every reduced-class good before 2025',
  },
  {
    countries: 'FI, SK, CZ, BE, NL, IE, DE',
    checked:
      'changes of 2025-2026 that move goods or services between existing rates (FI books 10 % to 14 % in 2025; SK sugary food 19 % to 23 %, CZ prescription medicines 0 %, BE 6 % to 12 % for some services, NL accommodation 21 %, IE catering 9 %, DE restaurant food 7 % in 2026)',
    against: 'easytax.co "EU new VAT rates from 2026", vatcalc.com',
    result: 'no rate of the table changes; the rate a product bears follows its tax class, which the catalogue manager sets',
  },
];

/** The table covers supplies from this date on; earlier dates have no rate and are refused. */
export const VAT_TABLE_COVERAGE_FROM: IsoDate = '2020-01-01';

type RateChange = Partial<Omit<VatRatePeriod, 'from'>> & { from: IsoDate };

/** A country's history from the coverage date: the first entry is complete, each later one states what changed. */
function history(first: Omit<VatRatePeriod, 'from'>, ...changes: RateChange[]): VatRatePeriod[] {
  const periods: VatRatePeriod[] = [{ from: VAT_TABLE_COVERAGE_FROM, ...first }];
  for (const change of changes) periods.push({ ...periods.at(-1)!, ...change });
  return periods;
}

const rates = (standard: number, reduced: number[] = [], extra: Partial<Pick<VatRatePeriod, 'superReduced' | 'zero' | 'parking'>> = {}) => ({
  standard,
  reduced,
  superReduced: null,
  zero: false,
  parking: null,
  ...extra,
});

/**
 * Every member state's VAT rates since 2020 (art. 96-99 VAT Directive: the rate due is the one in force when the tax
 * becomes chargeable). Append a period when a state changes a rate; never edit a past one.
 */
export const EU_VAT_RATES: Readonly<Record<EuMemberState, readonly VatRatePeriod[]>> = {
  // Austria: 5 % for hospitality, culture and publications from 1 July 2020 to 31 December 2021 (COVID-19 relief).
  AT: history(rates(2000, [1000, 1300], { parking: 1300 }), { from: '2020-07-01', reduced: [500, 1000, 1300] }, { from: '2022-01-01', reduced: [1000, 1300] }),
  BE: history(rates(2100, [600, 1200], { zero: true, parking: 1200 })),
  BG: history(rates(2000, [900])),
  HR: history(rates(2500, [500, 1300])),
  CY: history(rates(1900, [500, 900])),
  // Czechia: one reduced rate of 12 % and books at zero from 2024 (Act 349/2023).
  CZ: history(rates(2100, [1000, 1500]), { from: '2024-01-01', reduced: [1200], zero: true }),
  DK: history(rates(2500, [], { zero: true })),
  // Estonia: 22 % from 2024, 13 % for accommodation from 2025, 24 % from 1 July 2025.
  EE: history(rates(2000, [900]), { from: '2024-01-01', standard: 2200 }, { from: '2025-01-01', reduced: [900, 1300] }, { from: '2025-07-01', standard: 2400 }),
  // Finland: 25.5 % from 1 September 2024; the 14 % rate cut to 13.5 % from 1 January 2026 (2026 budget, VAT Act §85).
  FI: history(rates(2400, [1000, 1400]), { from: '2024-09-01', standard: 2550 }, { from: '2026-01-01', reduced: [1000, 1350] }),
  FR: history(rates(2000, [550, 1000], { superReduced: 210 })),
  // Germany: 16 % and 5 % for the second half of 2020 (Zweites Corona-Steuerhilfegesetz, §28(1) UStG).
  DE: history(rates(1900, [700]), { from: '2020-07-01', standard: 1600, reduced: [500] }, { from: '2021-01-01', standard: 1900, reduced: [700] }),
  GR: history(rates(2400, [600, 1300])),
  HU: history(rates(2700, [500, 1800])),
  // Ireland: 21 % from 1 September 2020 to 28 February 2021 (July Jobs Stimulus).
  IE: history(
    rates(2300, [900, 1350], { superReduced: 480, zero: true, parking: 1350 }),
    { from: '2020-09-01', standard: 2100 },
    { from: '2021-03-01', standard: 2300 },
  ),
  IT: history(rates(2200, [500, 1000], { superReduced: 400 })),
  LV: history(rates(2100, [500, 1200])),
  // Lithuania: the 9 % rate abolished from 1 January 2026; 12 % for accommodation, transport and culture (Law XV-287).
  LT: history(rates(2100, [500, 900]), { from: '2026-01-01', reduced: [500, 1200] }),
  // Luxembourg: every rate but the super-reduced one cut by a point for 2023.
  LU: history(
    rates(1700, [800], { superReduced: 300, parking: 1400 }),
    { from: '2023-01-01', standard: 1600, reduced: [700], parking: 1300 },
    { from: '2024-01-01', standard: 1700, reduced: [800], parking: 1400 },
  ),
  MT: history(rates(1800, [500, 700], { zero: true })),
  NL: history(rates(2100, [900])),
  // Poland: basic food at zero from 1 February 2022 to 31 March 2024 (anti-inflation shield).
  PL: history(rates(2300, [500, 800]), { from: '2022-02-01', zero: true }, { from: '2024-04-01', zero: false }),
  // Portugal: a basket of basic food at zero from 18 April 2023 to 4 January 2024 (Law 17/2023).
  PT: history(rates(2300, [600, 1300], { parking: 1300 }), { from: '2023-04-18', zero: true }, { from: '2024-01-05', zero: false }),
  // Romania: 21 % and one reduced rate of 11 % from 1 August 2025 (Law 141/2025).
  RO: history(rates(1900, [500, 900]), { from: '2025-08-01', standard: 2100, reduced: [1100] }),
  // Slovakia: 5 % added in 2023; 23 % and 19 % from 2025 (consolidation package, Act 278/2024).
  SK: history(rates(2000, [1000]), { from: '2023-01-01', reduced: [500, 1000] }, { from: '2025-01-01', standard: 2300, reduced: [500, 1900] }),
  SI: history(rates(2200, [500, 950])),
  // Spain: basic food at zero in 2023 and 2024 (Royal Decree-law 20/2022 and its extensions).
  ES: history(rates(2100, [1000], { superReduced: 400 }), { from: '2023-01-01', zero: true }, { from: '2025-01-01', zero: false }),
  SE: history(rates(2500, [600, 1200])),
};

/**
 * Rates of the non-EU countries the hub sells in, for the regions that price domestic sales: China's VAT (Provisional
 * Regulations art. 2: 13 %, 9 % for books, newspapers and farm products), and the SEA countries' VAT/GST/SST. A region
 * charges them at the destination; Viet Nam's temporary 8 % for some goods is not modelled (the reduced list is).
 */
export const NATIONAL_VAT_RATES: Readonly<Record<string, readonly VatRatePeriod[]>> = {
  CN: history(rates(1300, [900])),
  TH: history(rates(700)),
  ID: history(rates(1000), { from: '2022-04-01', standard: 1100 }),
  MY: history(rates(1000, [500])),
  PH: history(rates(1200)),
  VN: history(rates(1000, [500])),
  SG: history(rates(700), { from: '2023-01-01', standard: 800 }, { from: '2024-01-01', standard: 900 }),
};

/** A country's rates in force on `date`; undefined for a country not in the table or a date before its coverage. */
export function vatRatesOn(country: string, date: IsoDate): VatRatePeriod | undefined {
  const periods = (EU_VAT_RATES as Record<string, readonly VatRatePeriod[]>)[country] ?? NATIONAL_VAT_RATES[country];
  return periods?.findLast((period) => period.from <= date);
}

/** The rate a product of `taxClass` bears under `period`: its class's rate, or the next higher one the country has. */
export function rateForTaxClass(period: VatRatePeriod, taxClass: EuTaxClass): number {
  const lowestReduced = period.reduced[0] ?? period.standard;
  switch (taxClass) {
    case 'STANDARD':
      return period.standard;
    case 'REDUCED':
      return lowestReduced;
    case 'SUPER_REDUCED':
      return period.superReduced ?? lowestReduced;
    case 'ZERO':
      return period.zero ? 0 : (period.superReduced ?? lowestReduced);
  }
}

/** The standard rate of `country` on `date` with the day its period began (what region-de's intake checks). */
export function standardVatRate(country: string, date: IsoDate): { from: IsoDate; rateBp: number } | undefined {
  const period = vatRatesOn(country, date);
  return period && { from: firstDayOfStandardRate(country, period), rateBp: period.standard };
}

/** The first day the current standard rate applied: periods that changed only other rates do not restart it. */
function firstDayOfStandardRate(country: string, period: VatRatePeriod): IsoDate {
  const periods = (EU_VAT_RATES as Record<string, readonly VatRatePeriod[]>)[country] ?? NATIONAL_VAT_RATES[country] ?? [];
  let from = period.from;
  for (let i = periods.indexOf(period) - 1; i >= 0 && periods[i]!.standard === period.standard; i -= 1) from = periods[i]!.from;
  return from;
}

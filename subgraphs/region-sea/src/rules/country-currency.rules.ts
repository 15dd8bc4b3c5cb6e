/**
 * Domestic sales are priced in the local currency (Indonesia's Currency Law 7/2011 and Vietnam's
 * foreign-exchange rules require it), so an order's currency follows the country it ships to.
 */
const CURRENCY_BY_COUNTRY = { ID: 'IDR', TH: 'THB', MY: 'MYR', PH: 'PHP', VN: 'VND', SG: 'SGD' } as const;

export type SeaCountry = keyof typeof CURRENCY_BY_COUNTRY;
export type SeaCurrency = (typeof CURRENCY_BY_COUNTRY)[SeaCountry];
export const SEA_COUNTRIES = Object.keys(CURRENCY_BY_COUNTRY) as SeaCountry[];
export const SEA_CURRENCIES = Object.values(CURRENCY_BY_COUNTRY) as SeaCurrency[];

/**
 * How many minor units make one major unit; every amount region-sea handles is an integer count of minor units.
 * Rupiah and dong are counted in whole units (minor unit = 1 IDR / 1 VND): ISO 4217 still lists two decimals for
 * IDR, but sen have not circulated for decades and no price is quoted in them. Baht, ringgit, peso and Singapore
 * dollar are counted in hundredths (satang, sen, sentimo, cents).
 */
export const MINOR_UNITS_PER_MAJOR: Readonly<Record<SeaCurrency, number>> = { IDR: 1, VND: 1, THB: 100, MYR: 100, PHP: 100, SGD: 100 };

export function isSeaCountry(country: string): country is SeaCountry {
  return Object.hasOwn(CURRENCY_BY_COUNTRY, country);
}

/** The currency an order to `country` must be priced in; undefined outside the region. */
export function determineCurrency(country: string): SeaCurrency | undefined {
  return isSeaCountry(country) ? CURRENCY_BY_COUNTRY[country] : undefined;
}

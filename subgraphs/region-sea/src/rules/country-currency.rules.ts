/**
 * Domestic sales are priced in the local currency (Indonesia's Currency Law 7/2011 and Vietnam's
 * foreign-exchange rules require it), so an order's currency follows the country it ships to.
 */
const CURRENCY_BY_COUNTRY = { ID: 'IDR', TH: 'THB', MY: 'MYR', PH: 'PHP', VN: 'VND', SG: 'SGD' } as const;

export type SeaCountry = keyof typeof CURRENCY_BY_COUNTRY;
export type SeaCurrency = (typeof CURRENCY_BY_COUNTRY)[SeaCountry];
export const SEA_COUNTRIES = Object.keys(CURRENCY_BY_COUNTRY) as SeaCountry[];
export const SEA_CURRENCIES = Object.values(CURRENCY_BY_COUNTRY) as SeaCurrency[];

export function isSeaCountry(country: string): country is SeaCountry {
  return Object.hasOwn(CURRENCY_BY_COUNTRY, country);
}

/** The currency an order to `country` must be priced in; undefined outside the region. */
export function determineCurrency(country: string): SeaCurrency | undefined {
  return isSeaCountry(country) ? CURRENCY_BY_COUNTRY[country] : undefined;
}

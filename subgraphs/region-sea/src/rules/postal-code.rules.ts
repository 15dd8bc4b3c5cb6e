import { isSeaCountry, type SeaCountry } from './country-currency.rules.js';

/** Postal codes are all digits here, of the length each national post assigns, so couriers can sort by them. */
const POSTAL_CODE_DIGITS: Record<SeaCountry, number> = { ID: 5, TH: 5, MY: 5, PH: 4, VN: 6, SG: 6 };

export function isValidPostalCode(country: string, postalCode: string): boolean {
  return isSeaCountry(country) && new RegExp(`^\\d{${POSTAL_CODE_DIGITS[country]}}$`).test(postalCode);
}

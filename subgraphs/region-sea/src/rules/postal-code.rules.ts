import { isSeaCountry, type SeaCountry } from './country-currency.rules.js';

/**
 * Postal codes as each national post assigns them, so couriers can sort by them: five digits in Indonesia and
 * Thailand (neither starts with 0: the first digits are the province), five in Malaysia (01000–98859), four in
 * the Philippines, six in Vietnam (the 2018 scheme) and Singapore.
 */
const POSTAL_CODE_PATTERNS: Readonly<Record<SeaCountry, RegExp>> = {
  ID: /^[1-9]\d{4}$/,
  TH: /^[1-9]\d{4}$/,
  MY: /^\d{5}$/,
  PH: /^\d{4}$/,
  VN: /^\d{6}$/,
  SG: /^\d{6}$/,
};

export function isValidPostalCode(country: string, postalCode: string): boolean {
  return isSeaCountry(country) && POSTAL_CODE_PATTERNS[country].test(postalCode);
}

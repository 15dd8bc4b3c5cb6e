import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { SeaCountry } from './country-currency.rules.js';

/**
 * A phone number in E.164 (+6281234567890), or undefined when it is not a valid number. Customers type local
 * numbers with a trunk 0 and separators (0812-3456-7890), which are read as numbers of the destination country;
 * a number with a + prefix keeps its own country, so a Singaporean recipient in Johor stays reachable.
 * Couriers' apps dial and message E.164 numbers, and one form makes numbers comparable.
 */
export function normalisePhoneNumber(phone: string, country: SeaCountry): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country);
  return parsed?.isValid() ? parsed.number : undefined;
}

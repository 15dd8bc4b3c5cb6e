import { InputValidationError } from '@hub/shared/errors';
import type { SeaCountry } from './country-currency.rules.js';
import { normalisePhoneNumber } from './phone-number.rules.js';
import { isValidPostalCode } from './postal-code.rules.js';
import { SeaRuleViolationError } from './sea-rule-violation.error.js';

/** A delivery address in one of region-sea's countries, as a client sends it or as the customer saved it. */
export interface SeaAddressFields {
  recipientName: string;
  recipientPhone: string;
  line1: string;
  line2?: string | null;
  subdistrict?: string | null;
  district?: string | null;
  city: string;
  province: string;
  postalCode: string;
  country: string;
}

/** An address as region-sea stores it (an order's contact row, the address book): absent parts as null. */
export interface StoredSeaAddress {
  recipientName: string;
  recipientPhone: string;
  line1: string;
  line2: string | null;
  subdistrict: string | null;
  district: string | null;
  city: string;
  province: string;
  postalCode: string;
  country: string;
}

/** The address's stored form; the caller passes the phone and country as `checkSeaAddress` answered them. */
export function storedSeaAddress(address: SeaAddressFields): StoredSeaAddress {
  return {
    recipientName: address.recipientName,
    recipientPhone: address.recipientPhone,
    line1: address.line1,
    line2: address.line2 ?? null,
    subdistrict: address.subdistrict ?? null,
    district: address.district ?? null,
    city: address.city,
    province: address.province,
    postalCode: address.postalCode,
    country: address.country,
  };
}

/**
 * The destination country's rules over an address, wherever it comes from (an order, the address book): a postal
 * code couriers can sort by and a recipient's phone they can dial, answered in E.164. `path` is where the address
 * sits in the client's input, so a refusal names the field the client sent.
 */
export function checkSeaAddress(address: SeaAddressFields, path: string): { country: SeaCountry; recipientPhone: string } {
  const country = address.country as SeaCountry;
  if (!isValidPostalCode(country, address.postalCode)) {
    throw new InputValidationError(`${path}.postalCode`, `postalCode is not a valid postal code of ${country}`);
  }
  return { country, recipientPhone: normalisedPhone(address.recipientPhone, country, `${path}.recipientPhone`) };
}

/** `phone` in E.164, or a PHONE_INVALID refusal naming `field`. */
export function normalisedPhone(phone: string, country: SeaCountry, field: string): string {
  const e164 = normalisePhoneNumber(phone, country);
  if (!e164)
    throw new SeaRuleViolationError(field, 'PHONE_INVALID', `${field.split('.').at(-1)} is not a valid phone number of ${country} or in international form`);
  return e164;
}

/**
 * Masks keep just enough for staff to recognise a record on the phone or at the door (first letters, last
 * digits); they neither identify nor link a person. Each region names one per field in its disclosure policy.
 */

/** "Zhang Wei" → "Z**** W**". */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .map((part) => (part ? `${[...part][0]}${'*'.repeat(Math.max([...part].length - 1, 2))}` : part))
    .join(' ');
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Keeps the last four digits, which couriers and call centres use to confirm a number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(digits.length - 4, 3))}${digits.slice(-4)}`;
}

/** Streets, house numbers, dates: nothing of the value is needed to recognise the record. */
export const maskAll = (_value: string): string => '***';

export const maskDate = (_value: string): string => '****-**-**';

/** The country prefix and the last three characters, as on a VAT invoice check. */
export const maskVatId = (value: string): string => `${value.slice(0, 2)}${'*'.repeat(Math.max(value.length - 5, 3))}${value.slice(-3)}`;

/** Coarse places (city, province, country) identify nobody on their own. */
export const showAsIs = (value: string): string => value;

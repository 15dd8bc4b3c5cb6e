import { EU_MEMBER_STATES, type EuMemberState } from '@hub/shared/catalogue/vat/eu-member-states';

export { EU_MEMBER_STATES, type EuMemberState };

/** Each member state's postal code as its post office prints it, so a label is never rejected by the carrier. */
const POSTAL_CODE_FORMATS: Record<EuMemberState, RegExp> = {
  AT: /^\d{4}$/,
  BE: /^\d{4}$/,
  BG: /^\d{4}$/,
  HR: /^\d{5}$/,
  CY: /^\d{4}$/,
  CZ: /^\d{3} ?\d{2}$/,
  DK: /^\d{4}$/,
  EE: /^\d{5}$/,
  FI: /^\d{5}$/,
  FR: /^\d{5}$/,
  DE: /^\d{5}$/,
  GR: /^\d{3} ?\d{2}$/,
  HU: /^\d{4}$/,
  IE: /^(?:[A-Z]\d{2}|D6W) ?[0-9A-Z]{4}$/,
  IT: /^\d{5}$/,
  LV: /^(?:LV-)?\d{4}$/,
  LT: /^(?:LT-)?\d{5}$/,
  LU: /^(?:L-)?\d{4}$/,
  MT: /^[A-Z]{3} ?\d{4}$/,
  NL: /^\d{4} ?[A-Z]{2}$/,
  PL: /^\d{2}-\d{3}$/,
  PT: /^\d{4}-\d{3}$/,
  RO: /^\d{6}$/,
  SK: /^\d{3} ?\d{2}$/,
  SI: /^(?:SI-)?\d{4}$/,
  ES: /^\d{5}$/,
  SE: /^\d{3} ?\d{2}$/,
};

export function isValidPostalCode(country: string, postalCode: string): boolean {
  const format = Object.hasOwn(POSTAL_CODE_FORMATS, country) ? POSTAL_CODE_FORMATS[country as EuMemberState] : undefined;
  return format?.test(postalCode) ?? false;
}

/** Keeps the first two digits, the postal region an auditor needs for statistics, and hides the delivery area. */
export function maskPostalCode(postalCode: string): string {
  return `${postalCode.replace(/\D/g, '').slice(0, 2)}***`;
}

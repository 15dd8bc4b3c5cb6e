import type { Principal } from '../auth/principal.js';

export type PersonalDataAccess = 'full' | 'masked' | 'denied';

export interface PersonalDataOwner {
  region: string;
  customerRef: string;
}

/**
 * How much of a customer's personal data a caller may see (GDPR art. 5(1)(c), data minimisation, applied
 * to every region): the customer their own; operators and carriers of the order's region what they need to
 * fulfil it; auditors pseudonymised values only; anyone else nothing. Regions may narrow this per field.
 */
export function personalDataAccess(principal: Principal, owner: PersonalDataOwner): PersonalDataAccess {
  switch (principal.role) {
    case 'customer':
      return principal.subject === owner.customerRef ? 'full' : 'denied';
    case 'operator':
    case 'customer_service':
    case 'warehouse':
    case 'carrier':
      return principal.regions.includes(owner.region) ? 'full' : 'denied';
    case 'admin':
      return 'full';
    case 'auditor':
    case 'tax_auditor':
      return 'masked';
    case 'service':
    case 'catalogue_manager':
      return 'denied';
  }
}

/** "Zhang Wei" → "Z**** W**": enough to tell two records apart, not enough to identify the person. */
export function maskName(name: string): string {
  return name.split(/\s+/).map((part) => (part ? `${[...part][0]}${'*'.repeat(Math.max([...part].length - 1, 2))}` : part)).join(' ');
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

/** Keeps only what routes a parcel at the coarsest level; street and house are removed. */
export function maskFreeText(_value: string): string {
  return '***';
}

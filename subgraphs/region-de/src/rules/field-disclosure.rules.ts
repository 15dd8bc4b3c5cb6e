import { createHmac } from 'node:crypto';
import { maskEmail, maskName, maskPhone } from '@hub/shared/region/personal-data.policy';
import type { Disclosure } from './field-access.policy.js';
import { kindOf, type DePersonalField, type FieldKind } from './personal-fields.js';
import { maskPostalCode } from './postal-code.rules.js';

/** Masks keep just enough to recognise a record (first letters, last digits); they are not meant to link records. */
const MASKS: Record<FieldKind, (value: string) => string> = {
  name: maskName,
  email: maskEmail,
  phone: maskPhone,
  date: () => '****-**-**',
  vatId: (value) => `${value.slice(0, 2)}${'*'.repeat(Math.max(value.length - 5, 3))}${value.slice(-3)}`,
  street: () => '***',
  houseNumber: () => '***',
  postalCode: maskPostalCode,
  city: (value) => value,
  country: (value) => value,
};

/** Values that differ only in spelling variants a person would not notice get the same pseudonym. */
const normalise = (kind: FieldKind, value: string): string =>
  kind === 'phone' ? value.replace(/\D/g, '') : value.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('de-DE');

/**
 * A stable keyed hash (HMAC-SHA-256): the same value always gets the same pseudonym, so auditors can link
 * records, but without the key nobody can recompute or reverse it (GDPR art. 4(5)). The kind is part of
 * the input, so a name and an e-mail never share a pseudonym; customer and recipient names do.
 */
export function pseudonymise(kind: FieldKind, value: string, key: string): string {
  return `psd_${createHmac('sha256', key).update(`${kind}\u0000${normalise(kind, value)}`).digest('hex').slice(0, 20)}`;
}

/** The form of `value` the decision allows the caller to see. */
export function discloseValue(field: DePersonalField, disclosure: Disclosure, value: string, pseudonymKey: string): string {
  const kind = kindOf(field);
  switch (disclosure) {
    case 'FULL':
      return value;
    case 'MASKED':
      return MASKS[kind](value);
    case 'PSEUDONYMISED':
      return pseudonymise(kind, value, pseudonymKey);
  }
}

import type { Principal, Role } from '../auth/principal.js';

/** Purposes a caller may declare in the token's `purpose` claim (GDPR art. 5(1)(b), purpose limitation). */
export const PURPOSES = ['delivery', 'fulfilment', 'support', 'invoicing', 'tax_audit', 'audit'] as const;
export type Purpose = (typeof PURPOSES)[number];

/** How an allowed field is shown: its value, or a mask that lets staff recognise a record but not identify or link anyone. */
export type Disclosure = 'FULL' | 'MASKED';

/**
 * Why a field is withheld; the reason names the first thing that would have to change. `DATA_MINIMISATION`
 * is the auditors' reason in every region: an audit works on pseudonymous records, never on who the person is.
 */
export const DENIAL_REASONS = [
  'DATA_MINIMISATION',
  'ROLE_NOT_ALLOWED',
  'NOT_OWN_DATA',
  'REGION_NOT_ALLOWED',
  'RESTRICTED',
  'PURPOSE_NOT_ALLOWED',
  'NO_OPEN_CASE',
] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];
export type FieldDecision = { disclosure: Disclosure } | { denied: DenialReason };

/** How one role may see one field. */
export interface FieldGrant {
  disclosure: Disclosure;
  /** Purposes the caller must declare; absent means any purpose. */
  purposes?: readonly Purpose[];
  /** Only while the caller works on an open support case for the order. */
  needsOpenCase?: boolean;
  /** May be read while restricted (GDPR art. 18): the data subject, and whoever the law that keeps the data names. */
  readsRestricted?: boolean;
}

/** `OWN`: the data subject only; `REGION`: staff whose token names the region; `ANY`: global roles. */
export type Scope = 'OWN' | 'REGION' | 'ANY';

export interface RolePolicy<F extends string> {
  scope: Scope;
  fields: Partial<Record<F, FieldGrant>>;
}

/** One personal field a region holds: why it may hold it, and how staff see it masked. */
export interface PersonalFieldSpec {
  /** The legal basis of holding the field (GDPR art. 6 or the region's own law). */
  legalBasis: string;
  mask: (value: string) => string;
  /** A country or province: it singles nobody out, so auditors may count by it. */
  coarseLocation?: true;
}

/** Roles whose row every region writes; auditors' row is the same everywhere and lives here. */
export type RegionalRole = Exclude<Role, 'auditor'>;

/**
 * A region's declaration of its personal data: every field with its legal basis and mask, and per role who
 * may see which field for which purpose. A field a role is not granted is denied.
 */
export interface DisclosurePolicy<F extends string> {
  region: string;
  fields: Readonly<Record<F, PersonalFieldSpec>>;
  roles: Readonly<Record<RegionalRole, RolePolicy<F>>>;
}

/** The facts about one stored field that the decision needs beyond the caller. */
export interface FieldFacts {
  customerRef: string;
  /** Kept only for a statutory retention duty, processing restricted (art. 18 GDPR). */
  restricted: boolean;
  /** The caller has an open support case for the order assigned to them. */
  openCaseForCaller: boolean;
}

export const grant = <F extends string>(fields: readonly F[], fieldGrant: FieldGrant): Partial<Record<F, FieldGrant>> =>
  Object.fromEntries(fields.map((field) => [field, fieldGrant])) as Partial<Record<F, FieldGrant>>;

/**
 * Auditors, in every region: countries and provinces only, nothing that identifies a person. Masked text and
 * keyed pseudonyms are still personal data (GDPR art. 4(5), Recital 26: a stable pseudonym lets an auditor link
 * all orders of one person), and an audit of orders needs neither (art. 5(1)(c), art. 25(2)). Where an audit
 * must link one customer's orders, core's pseudonymous `customerRef` does that without the region's data.
 */
export function auditorDecision(spec: PersonalFieldSpec): FieldDecision {
  return spec.coarseLocation ? { disclosure: 'FULL' } : { denied: 'DATA_MINIMISATION' };
}

/**
 * Decides how `principal` may see `field` of a record in `policy.region`. The checks run from the broadest to
 * the narrowest, so the reason names the first thing that would have to change: the role, the scope, the
 * restriction, the purpose, the case.
 */
export function decideDisclosure<F extends string>(policy: DisclosurePolicy<F>, field: F, principal: Principal, facts: FieldFacts): FieldDecision {
  if (principal.role === 'auditor') return facts.restricted ? { denied: 'RESTRICTED' } : auditorDecision(policy.fields[field]);
  const rolePolicy = policy.roles[principal.role];
  const fieldGrant = rolePolicy.fields[field];
  if (!fieldGrant) return { denied: 'ROLE_NOT_ALLOWED' };
  if (rolePolicy.scope === 'OWN' && principal.subject !== facts.customerRef) return { denied: 'NOT_OWN_DATA' };
  if (rolePolicy.scope === 'REGION' && !principal.regions.includes(policy.region)) return { denied: 'REGION_NOT_ALLOWED' };
  if (facts.restricted && !fieldGrant.readsRestricted) return { denied: 'RESTRICTED' };
  if (fieldGrant.purposes && !fieldGrant.purposes.some((purpose) => purpose === principal.purpose)) return { denied: 'PURPOSE_NOT_ALLOWED' };
  if (fieldGrant.needsOpenCase && !facts.openCaseForCaller) return { denied: 'NO_OPEN_CASE' };
  return { disclosure: fieldGrant.disclosure };
}

/** The form of `value` the decision allows. */
export function discloseValue<F extends string>(policy: DisclosurePolicy<F>, field: F, disclosure: Disclosure, value: string): string {
  return disclosure === 'FULL' ? value : policy.fields[field].mask(value);
}

import type { Principal, Role } from '@hub/shared/auth/principal';
import { DE_PERSONAL_FIELDS, INVOICE_FIELDS, SHIPPING_FIELDS, type DePersonalField } from './personal-fields.js';

/** Purposes a caller may declare in the token's `purpose` claim (GDPR art. 5(1)(b), purpose limitation). */
export const DE_PURPOSES = ['delivery', 'fulfilment', 'support', 'invoicing', 'tax_audit', 'audit'] as const;
export type DePurpose = (typeof DE_PURPOSES)[number];

export type Disclosure = 'FULL' | 'MASKED' | 'PSEUDONYMISED';
export const DENIAL_REASONS = ['ROLE_NOT_ALLOWED', 'NOT_OWN_DATA', 'REGION_NOT_ALLOWED', 'RESTRICTED', 'PURPOSE_NOT_ALLOWED', 'NO_OPEN_CASE'] as const;
export type DenialReason = (typeof DENIAL_REASONS)[number];
export type FieldDecision = { disclosure: Disclosure } | { denied: DenialReason };

/** How one role may see one field. */
export interface FieldGrant {
  disclosure: Disclosure;
  /** Purposes the caller must declare; absent means any purpose. */
  purposes?: readonly DePurpose[];
  /** Only while the caller works on an open support case for the order. */
  needsOpenCase?: boolean;
  /** May be read while restricted (GDPR art. 18): only where the law that keeps the data also asks for it. */
  readsRestricted?: boolean;
}

/** `OWN`: the data subject only; `REGION`: staff whose token names region de; `ANY`: global roles. */
export type Scope = 'OWN' | 'REGION' | 'ANY';

export interface RolePolicy {
  scope: Scope;
  fields: Partial<Record<DePersonalField, FieldGrant>>;
}

const grant = (fields: readonly DePersonalField[], fieldGrant: FieldGrant) =>
  Object.fromEntries(fields.map((field) => [field, fieldGrant])) as Partial<Record<DePersonalField, FieldGrant>>;
const COUNTRIES: DePersonalField[] = ['shippingAddress.country', 'invoiceAddress.country'];
const WITHOUT_COUNTRIES = DE_PERSONAL_FIELDS.filter((field) => !COUNTRIES.includes(field));

/**
 * Who sees which personal field of a German customer, for which purpose, and how (GDPR art. 5(1)(c) data
 * minimisation and art. 25 data protection by default). A field a role is not granted is denied.
 */
export const DE_FIELD_ACCESS_POLICY: Readonly<Record<Role, RolePolicy>> = {
  // Art. 15 GDPR: the data subject sees everything held about them.
  customer: { scope: 'OWN', fields: grant(DE_PERSONAL_FIELDS, { disclosure: 'FULL' }) },
  // Operators steer fulfilment: who and where in full, contact and invoice data only enough to recognise them.
  operator: {
    scope: 'REGION',
    fields: {
      ...grant(['customer.name', ...SHIPPING_FIELDS], { disclosure: 'FULL' }),
      ...grant(['customer.email', 'customer.phone', 'customer.vatId', ...INVOICE_FIELDS], { disclosure: 'MASKED' }),
    },
  },
  // Customer service contacts the customer only for a case it is working on.
  customer_service: {
    scope: 'REGION',
    fields: {
      ...grant(['customer.name', 'customer.email', 'customer.phone', ...SHIPPING_FIELDS, ...INVOICE_FIELDS], { disclosure: 'FULL', purposes: ['support'], needsOpenCase: true }),
      ...grant(['customer.vatId'], { disclosure: 'MASKED', purposes: ['support'], needsOpenCase: true }),
    },
  },
  // The warehouse prints the label; the phone only when the parcel is being delivered.
  warehouse: {
    scope: 'REGION',
    fields: {
      ...grant(SHIPPING_FIELDS, { disclosure: 'FULL', purposes: ['fulfilment', 'delivery'] }),
      'customer.phone': { disclosure: 'FULL', purposes: ['delivery'] },
    },
  },
  // The courier needs the address to deliver and the phone to announce or reschedule a delivery.
  carrier: {
    scope: 'REGION',
    fields: {
      ...grant(SHIPPING_FIELDS, { disclosure: 'FULL', purposes: ['delivery'] }),
      'customer.phone': { disclosure: 'FULL', purposes: ['delivery'] },
    },
  },
  // Auditors link records without identifying anyone (art. 4(5) GDPR pseudonymisation); countries are statistics.
  auditor: {
    scope: 'ANY',
    fields: { ...grant(WITHOUT_COUNTRIES, { disclosure: 'PSEUDONYMISED' }), ...grant(COUNTRIES, { disclosure: 'FULL' }) },
  },
  // Tax auditors read invoice data, also while restricted (§147(6) AO data access; art. 17(3)(b) GDPR).
  tax_auditor: {
    scope: 'ANY',
    fields: {
      ...grant(['customer.name', 'customer.vatId', ...INVOICE_FIELDS], { disclosure: 'FULL', purposes: ['tax_audit'], readsRestricted: true }),
      'shippingAddress.country': { disclosure: 'FULL', purposes: ['tax_audit'] },
    },
  },
  // Administrators run the system; they need to see that data exists, not what it says.
  admin: {
    scope: 'ANY',
    fields: { ...grant(WITHOUT_COUNTRIES, { disclosure: 'MASKED' }), ...grant(COUNTRIES, { disclosure: 'FULL' }) },
  },
  // Other hub services never read personal data: core and the other regions work with pseudonymous references.
  service: { scope: 'ANY', fields: {} },
  // Catalogue managers edit products and prices; orders and the people behind them are none of their business.
  catalogue_manager: { scope: 'OWN', fields: {} },
};

/** The facts about one stored field that the decision needs. */
export interface FieldFacts {
  region: string;
  customerRef: string;
  /** The field is kept only for a statutory retention duty and its processing is restricted (art. 18 GDPR). */
  restricted: boolean;
  /** The caller has an open support case for the order assigned to them. */
  openCaseForCaller: boolean;
}

/**
 * Decides how `principal` may see `field`. The checks run from the broadest to the narrowest, so the reason
 * names the first thing that would have to change: the role, the scope, the restriction, the purpose, the case.
 */
export function decideFieldAccess(field: DePersonalField, principal: Principal, facts: FieldFacts): FieldDecision {
  const policy = DE_FIELD_ACCESS_POLICY[principal.role];
  const fieldGrant = policy.fields[field];
  if (!fieldGrant) return { denied: 'ROLE_NOT_ALLOWED' };
  if (policy.scope === 'OWN' && principal.subject !== facts.customerRef) return { denied: 'NOT_OWN_DATA' };
  if (policy.scope === 'REGION' && !principal.regions.includes(facts.region)) return { denied: 'REGION_NOT_ALLOWED' };
  if (facts.restricted && !fieldGrant.readsRestricted) return { denied: 'RESTRICTED' };
  if (fieldGrant.purposes && !fieldGrant.purposes.some((purpose) => purpose === principal.purpose)) return { denied: 'PURPOSE_NOT_ALLOWED' };
  if (fieldGrant.needsOpenCase && !facts.openCaseForCaller) return { denied: 'NO_OPEN_CASE' };
  return { disclosure: fieldGrant.disclosure };
}

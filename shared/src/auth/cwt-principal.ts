import type { Principal, Role } from './principal.js';

/**
 * The hub's own claims (role, regions, purpose) in a compact token: one claim under a private-use key (RFC 8392 §9.1
 * reserves keys below -65536 for that), holding `[role, regions]` or `[role, regions, purpose]`, with the role as a
 * number. A customer's `role` and `regions` under their JWT names took 27 bytes of the token; this takes 12.
 */
export const PRINCIPAL_CLAIM = -65537;

/**
 * A number per role. Tokens in circulation carry these: a code is never reused nor renumbered, a new role takes the
 * next one. Typed by `Role`, so a role added to ROLES does not compile until it has a code.
 */
const ROLE_CODES: Readonly<Record<Role, number>> = {
  customer: 0,
  operator: 1,
  customer_service: 2,
  warehouse: 3,
  carrier: 4,
  bookkeeping: 5,
  auditor: 6,
  tax_auditor: 7,
  admin: 8,
  service: 9,
  catalogue_manager: 10,
  rules_editor: 11,
  rules_approver: 12,
};
const ROLE_OF_CODE: ReadonlyMap<number, Role> = new Map(Object.entries(ROLE_CODES).map(([role, code]) => [code, role as Role]));

export function principalClaimOf(principal: Principal): unknown[] {
  return [ROLE_CODES[principal.role], principal.regions, ...(principal.purpose ? [principal.purpose] : [])];
}

/**
 * The role, regions and purpose a principal claim names; throws on an unknown role code or any other shape. What
 * the values may be (a region's form, a purpose's) is checked with the other claims, as for a JWT (token-claims.ts).
 */
export function claimsOfPrincipalClaim(value: unknown): { role: Role; regions: unknown; purpose: unknown } {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) throw new Error('malformed principal claim');
  const [code, regions, purpose] = value as unknown[];
  const role = typeof code === 'number' ? ROLE_OF_CODE.get(code) : undefined;
  if (!role) throw new Error('unknown role code');
  if (value.length === 3 && typeof purpose !== 'string') throw new Error('malformed principal claim');
  return { role, regions, purpose };
}

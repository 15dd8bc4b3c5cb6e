import { ROLES, type Principal, type Role } from './principal.js';

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
  /** Longest lifetime (`exp` − `iat`) accepted, so a leaked token cannot be used for ever; default 24 h. */
  maxLifetimeSeconds?: number;
  /** Clock difference tolerated between the issuer and this service; default 60 s. */
  clockSkewSeconds?: number;
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/** What a bearer token says, whichever its format (JWT or CWT); times in seconds since the epoch. */
export interface TokenClaims {
  sub?: unknown;
  exp?: unknown;
  iat?: unknown;
  role?: unknown;
  regions?: unknown;
  purpose?: unknown;
}

/**
 * The principal a token's verified claims name, and until when (ms) it may be trusted; throws on any defect.
 * One rule for both formats: a token says when it expires, lives no longer than the maximum, and names a known role.
 */
export function principalOfClaims(claims: TokenClaims, settings: JwtSettings, nowSeconds: number): { principal: Principal; untilMs: number } {
  const skew = settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const { sub, exp, iat, role, regions, purpose } = claims;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new Error('no expiry');
  if (exp + skew <= nowSeconds) throw new Error('expired');
  if (iat !== undefined && (typeof iat !== 'number' || iat > nowSeconds + skew)) throw new Error('issued in the future');
  const issuedAt = typeof iat === 'number' ? iat : nowSeconds;
  if (exp - issuedAt > maxLifetime + skew) throw new Error('lifetime above the maximum');
  if (typeof sub !== 'string' || sub === '' || !ROLES.includes(role as Role)) throw new Error('malformed claims');
  if (!Array.isArray(regions) || !regions.every((region) => typeof region === 'string')) throw new Error('malformed claims');
  const principal: Principal = {
    subject: sub,
    role: role as Role,
    regions: regions as string[],
    ...(typeof purpose === 'string' ? { purpose } : {}),
  };
  // Valid for as long as a verifier would accept it: until `exp` plus the tolerated skew.
  return { principal, untilMs: (exp + skew) * 1000 };
}

import { jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../errors.js';
import { ROLES, type Principal, type Role } from './principal.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

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

const ALGORITHM = 'HS256';

/** The token settings of a service, from its environment. */
export function jwtSettingsOf(env: {
  JWT_SECRET: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  JWT_MAX_LIFETIME_S: number;
  JWT_CLOCK_SKEW_S: number;
}): JwtSettings {
  return {
    secret: env.JWT_SECRET,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    maxLifetimeSeconds: env.JWT_MAX_LIFETIME_S,
    clockSkewSeconds: env.JWT_CLOCK_SKEW_S,
  };
}

/** Mints a token for a principal; used by the development token script, the seed and tests. */
export async function mintToken(settings: JwtSettings, principal: Principal, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: principal.role, regions: principal.regions, purpose: principal.purpose })
    .setProtectedHeader({ alg: ALGORITHM })
    .setSubject(principal.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(settings.secret));
}

/** One cache per settings object (a service has one): a token valid for one secret or audience says nothing of another. */
const verifiedTokens = new WeakMap<JwtSettings, VerifiedTokenCache>();

/**
 * Verifies a bearer token and returns its principal; any defect is the same UNAUTHENTICATED error.
 * A token must say when it expires, and may not live longer than the configured maximum. A token verified before
 * is answered from a cache until it expires (verified-token-cache.ts).
 */
export async function verifyToken(settings: JwtSettings, token: string): Promise<Principal> {
  let cache = verifiedTokens.get(settings);
  if (!cache) verifiedTokens.set(settings, (cache = new VerifiedTokenCache()));
  const cached = cache.get(token, Date.now());
  if (cached) return cached;
  const skew = settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: [ALGORITHM],
      requiredClaims: ['exp'],
      clockTolerance: skew,
    });
    const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(Date.now() / 1000);
    if (payload.exp! - issuedAt > maxLifetime + skew) throw new Error('lifetime above the maximum');
    const role = payload.role as Role;
    const regions = payload.regions;
    if (!payload.sub || !ROLES.includes(role) || !Array.isArray(regions) || !regions.every((r) => typeof r === 'string')) {
      throw new Error('malformed claims');
    }
    const purpose = typeof payload.purpose === 'string' ? payload.purpose : undefined;
    const principal: Principal = { subject: payload.sub, role, regions: regions as string[], ...(purpose ? { purpose } : {}) };
    // Valid for as long as jwtVerify would accept it: until `exp` plus the tolerated skew.
    cache.set(token, principal, (payload.exp! + skew) * 1000);
    return principal;
  } catch {
    throw new UnauthenticatedError('Invalid or expired bearer token');
  }
}

export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

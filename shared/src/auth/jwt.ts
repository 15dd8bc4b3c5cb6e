import { decodeJwt, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../errors.js';
import { isCompactToken, mintCompactToken, verifiedCompactClaims } from './cwt.js';
import type { Principal } from './principal.js';
import { DEFAULT_CLOCK_SKEW_SECONDS, principalOfClaims, type JwtSettings } from './token-claims.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export type { JwtSettings } from './token-claims.js';

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
 * Verifies a bearer token, a JWT or its compact form (cwt.ts), and returns its principal; any defect is the same
 * UNAUTHENTICATED error. A token must say when it expires, and may not live longer than the configured maximum. A token
 * verified before is answered from a cache until it expires (verified-token-cache.ts).
 */
export async function verifyToken(settings: JwtSettings, token: string): Promise<Principal> {
  let cache = verifiedTokens.get(settings);
  if (!cache) verifiedTokens.set(settings, (cache = new VerifiedTokenCache()));
  const cached = cache.get(token, Date.now());
  if (cached) return cached;
  try {
    const claims = isCompactToken(token) ? verifiedCompactClaims(settings, token) : await verifiedJwtClaims(settings, token);
    const { principal, untilMs } = principalOfClaims(claims, settings, Math.floor(Date.now() / 1000));
    cache.set(token, principal, untilMs);
    return principal;
  } catch {
    throw new UnauthenticatedError('Invalid or expired bearer token');
  }
}

async function verifiedJwtClaims(settings: JwtSettings, token: string) {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
    issuer: settings.issuer,
    audience: settings.audience,
    algorithms: [ALGORITHM],
    requiredClaims: ['exp'],
    clockTolerance: settings.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS,
  });
  return payload;
}

/**
 * The compact form of a token `verifyToken` accepted, for the same principal and expiring when it does (`exp` is
 * required of both formats), so trading a token for its compact form never extends its life.
 */
export function compactFormOf(settings: JwtSettings, token: string, principal: Principal, nowSeconds = Math.floor(Date.now() / 1000)) {
  const expiresAt = (isCompactToken(token) ? verifiedCompactClaims(settings, token).exp : decodeJwt(token).exp) as number;
  return { token: mintCompactToken(settings, principal, Math.max(1, expiresAt - nowSeconds), nowSeconds), expiresAt: new Date(expiresAt * 1000) };
}

export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

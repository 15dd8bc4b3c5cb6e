import { jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '../errors.js';
import { ROLES, type Principal, type Role } from './principal.js';

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const ALGORITHM = 'HS256';

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

/** Verifies a bearer token and returns its principal; any defect is the same UNAUTHENTICATED error. */
export async function verifyToken(settings: JwtSettings, token: string): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(settings.secret), {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: [ALGORITHM],
    });
    const role = payload.role as Role;
    const regions = payload.regions;
    if (!payload.sub || !ROLES.includes(role) || !Array.isArray(regions) || !regions.every((r) => typeof r === 'string')) {
      throw new Error('malformed claims');
    }
    const purpose = typeof payload.purpose === 'string' ? payload.purpose : undefined;
    return { subject: payload.sub, role, regions: regions as string[], ...(purpose ? { purpose } : {}) };
  } catch {
    throw new UnauthenticatedError('Invalid or expired bearer token');
  }
}

export function bearerTokenOf(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

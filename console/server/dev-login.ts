import { mintToken, type JwtSettings } from '@hub/shared/auth/jwt';
import { ROLES, type Role } from '@hub/shared/auth/principal';

export class DevelopmentLoginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DevelopmentLoginError';
  }
}

/** Development tokens are short-lived: a person picks a role again after lunch, not after a week. */
const LIFETIME_SECONDS = 4 * 3600;

/**
 * Mints a development token for the role, regions and subject a person picked, exactly as `npm run token`
 * does. It grants nothing by itself: what the role may see is decided by the services that read the token.
 */
export async function mintDevelopmentToken(settings: JwtSettings, request: unknown) {
  if (!request || typeof request !== 'object') throw new DevelopmentLoginError('Send { role, regions, subject? }');
  const { role, regions = [], subject } = request as { role?: unknown; regions?: unknown; subject?: unknown };
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) throw new DevelopmentLoginError(`role must be one of ${ROLES.join(', ')}`);
  if (!Array.isArray(regions) || !regions.every((region) => typeof region === 'string' && /^[a-z]{2,8}$/.test(region))) {
    throw new DevelopmentLoginError('regions must be a list of region codes such as "cn"');
  }
  if (subject !== undefined && (typeof subject !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(subject))) {
    throw new DevelopmentLoginError('subject must be 1 to 64 letters, digits or ._:-');
  }
  const principal = { subject: (subject as string | undefined) ?? `dev-${role}`, role: role as Role, regions: regions as string[] };
  const token = await mintToken(settings, principal, `${LIFETIME_SECONDS}s`);
  return { token, principal, expiresAt: new Date(Date.now() + LIFETIME_SECONDS * 1000).toISOString() };
}

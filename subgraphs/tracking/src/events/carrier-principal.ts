import { verifyToken, type JwtSettings } from '@hub/shared/auth/jwt';
import { bearerTokenOf } from '@hub/shared/auth/jwt';
import { DomainError, ForbiddenError, UnauthenticatedError } from '@hub/shared/errors';

/** Carrier ids are the subject of the carrier's token; they also name its NATS subject, hence the narrow alphabet. */
const CARRIER_ID = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/**
 * Who may post carrier events: a verified token with the `carrier` role. The carrier id is the token's
 * subject, so a carrier can only ever file events under itself.
 */
export async function carrierOf(jwt: JwtSettings, authorization: string | undefined): Promise<string> {
  const token = bearerTokenOf(authorization);
  if (!token) throw new UnauthenticatedError('A bearer token is required');
  const principal = await verifyToken(jwt, token);
  if (principal.role !== 'carrier') throw new ForbiddenError('Only carriers may post carrier events');
  if (!CARRIER_ID.test(principal.subject)) throw new DomainError('BAD_USER_INPUT', "The token's carrier id is not usable as a carrier id");
  return principal.subject;
}

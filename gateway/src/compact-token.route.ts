import type { RequestHandler } from 'express';
import { bearerTokenOf, compactFormOf, type JwtSettings } from '@hub/shared/auth/jwt';
import type { Principal } from '@hub/shared/auth/principal';

/**
 * `POST /token/compact`: the compact form (shared/src/auth/cwt.ts) of the token the caller sends. The identity
 * provider issues JWTs and knows nothing of the hub's compact format, so an app on a slow link trades its JWT here
 * once and sends the ~75-character form with every request after. Mounted behind `rateLimitRequests`, which has
 * verified the token (and spent the caller's budget) and left its principal in `res.locals`.
 */
export function compactTokenRoute(jwt: JwtSettings): RequestHandler {
  return (req, res) => {
    const principal = res.locals.principal as Principal | undefined;
    const token = bearerTokenOf(req.headers.authorization);
    res.set('cache-control', 'no-store');
    if (!principal || !token) {
      res.status(401).json({ errors: [{ message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }] });
      return;
    }
    const compact = compactFormOf(jwt, token, principal);
    res.json({ token: compact.token, expiresAt: compact.expiresAt.toISOString() });
  };
}

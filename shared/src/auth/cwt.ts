import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { decode, encode } from 'cborg';
import { claimsOfPrincipalClaim, PRINCIPAL_CLAIM, principalClaimOf } from './cwt-principal.js';
import type { Principal } from './principal.js';
import type { JwtSettings, TokenClaims } from './token-claims.js';

/**
 * The compact form of the hub's bearer token, for apps on slow links: a CBOR Web Token (RFC 8392) in an untagged
 * COSE_Mac0 (RFC 9052), base64url. A customer's JWT is about 245 characters, which with its header line is half of a
 * 600-byte mobile checkout; this carries the same principal in about 75, because CBOR holds integers in binary and
 * registered claims under one-byte keys, where a JWT base64-encodes JSON text, and the hub's own claims are one
 * private claim with the role as a number (cwt-principal.ts). Told apart from a JWT by having no dot.
 *
 * Two choices buy the size. The issuer and audience are bound into the MAC key instead of being carried: a token
 * minted for another issuer or audience fails its MAC, as a JWT with other `iss`/`aud` fails its check. And the MAC is
 * HMAC 256/64 (RFC 9053 §3.1, registered for this use): a tag can only be tried online, against rate limits, where
 * 2^64 guesses are out of reach; it is never checked offline, since the key never leaves the hub's services.
 */

// RFC 8392 §4 registered claim keys; the hub's own claims are under PRINCIPAL_CLAIM.
const SUB = 2;
const EXP = 4;
/** COSE header `alg` (1) = HMAC 256/64 (4): the only algorithm accepted, as HS256 is the only one for JWTs. */
const PROTECTED_HEADER = encode(new Map([[1, 4]]));
const TAG_BYTES = 8;
const STRICT = { useMaps: true, strict: true, rejectDuplicateMapKeys: true, allowIndefinite: false, allowUndefined: false, allowBigInt: false };

/**
 * A key of its own, derived from the shared secret for this issuer and audience: a MAC made for one token format is
 * never checked as the other's, nor one made for another issuer or audience as this one's.
 */
const keys = new WeakMap<JwtSettings, Buffer>();
function keyOf(settings: JwtSettings): Buffer {
  let key = keys.get(settings);
  if (!key) {
    const info = JSON.stringify(['order-hub CWT HMAC 256/64', settings.issuer, settings.audience]);
    keys.set(settings, (key = Buffer.from(hkdfSync('sha256', settings.secret, '', info, 32))));
  }
  return key;
}

/** RFC 9052 §6.3: the MAC covers the protected header and the payload, with no external data. */
function tagOf(settings: JwtSettings, payload: Uint8Array): Buffer {
  return createHmac('sha256', keyOf(settings))
    .update(encode(['MAC0', PROTECTED_HEADER, new Uint8Array(0), payload]))
    .digest()
    .subarray(0, TAG_BYTES);
}

export function isCompactToken(token: string): boolean {
  return !token.includes('.');
}

/** Mints a compact token for a principal, valid for `lifetimeSeconds` from `nowSeconds`. */
export function mintCompactToken(settings: JwtSettings, principal: Principal, lifetimeSeconds: number, nowSeconds = Math.floor(Date.now() / 1000)): string {
  return sealedCompactToken(
    settings,
    new Map<number, unknown>([
      [SUB, principal.subject],
      [EXP, nowSeconds + lifetimeSeconds],
      [PRINCIPAL_CLAIM, principalClaimOf(principal)],
    ]),
  );
}

/** The compact token for a claims set, MAC and all: the mint's last step, and how tests make tokens it never would. */
export function sealedCompactToken(settings: JwtSettings, claims: Map<number | string, unknown>): string {
  const payload = encode(claims);
  return Buffer.from(encode([PROTECTED_HEADER, new Map(), payload, tagOf(settings, payload)])).toString('base64url');
}

/**
 * The claims of a compact token whose MAC checks out; throws on any defect. Expiry, lifetime (from now, as the token
 * says nothing of when it was issued) and the hub's claims are checked by the caller, as for a JWT (token-claims.ts).
 */
export function verifiedCompactClaims(settings: JwtSettings, token: string): TokenClaims {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
  const message = decode(Buffer.from(token, 'base64url'), STRICT) as unknown;
  if (!Array.isArray(message) || message.length !== 4) throw new Error('not a COSE_Mac0');
  const [protectedHeader, unprotectedHeader, payload, tag] = message as unknown[];
  if (!(protectedHeader instanceof Uint8Array) || !Buffer.from(protectedHeader).equals(PROTECTED_HEADER)) throw new Error('unexpected algorithm');
  if (!(unprotectedHeader instanceof Map) || unprotectedHeader.size !== 0) throw new Error('unexpected unprotected header');
  if (!(payload instanceof Uint8Array) || !(tag instanceof Uint8Array) || tag.length !== TAG_BYTES) throw new Error('malformed');
  if (!timingSafeEqual(tag, tagOf(settings, payload))) throw new Error('bad MAC');
  const claims = decode(payload, STRICT) as unknown;
  if (!(claims instanceof Map)) throw new Error('claims are not a map');
  return { sub: claims.get(SUB), exp: claims.get(EXP), ...claimsOfPrincipalClaim(claims.get(PRINCIPAL_CLAIM)) };
}

import { encode } from 'cborg';
import { isCompactToken, mintCompactToken, sealedCompactToken, verifiedCompactClaims } from './cwt.js';
import { PRINCIPAL_CLAIM } from './cwt-principal.js';
import { compactFormOf, mintToken, verifyToken } from './jwt.js';
import { ROLES, type Principal } from './principal.js';
import { principalOfClaims, type JwtSettings } from './token-claims.js';

const settings: JwtSettings = { secret: 'a-test-secret-of-at-least-32-characters', issuer: 'order-hub', audience: 'order-hub' };
const customer: Principal = { subject: 'pairwise-7f3a', role: 'customer', regions: ['sea'] };
const NOW = 1_800_000_000;

/** A well-MACed token for the customer whose principal claim is `value`. */
const withPrincipalClaim = (value: unknown) =>
  sealedCompactToken(
    settings,
    new Map<number, unknown>([
      [2, customer.subject],
      [4, Math.floor(Date.now() / 1000) + 600],
      [PRINCIPAL_CLAIM, value],
    ]),
  );

/** The token with one byte of its CBOR changed (at `index` from the end of the decoded bytes). */
const flipped = (token: string, indexFromEnd: number) => {
  const bytes = Buffer.from(token, 'base64url');
  const index = bytes.length - indexFromEnd;
  bytes.writeUInt8(bytes.readUInt8(index) ^ 0x01, index);
  return bytes.toString('base64url');
};

describe('compact token (CWT, COSE_Mac0 HMAC 256/64)', () => {
  it('carries the same principal as a JWT in well under half the characters', async () => {
    const compact = mintCompactToken(settings, customer, 3600);
    const jwt = await mintToken(settings, customer, '1h');
    expect(isCompactToken(compact)).toBe(true);
    expect(isCompactToken(jwt)).toBe(false);
    expect(await verifyToken(settings, compact)).toEqual(customer);
    expect(compact.length).toBeLessThan(jwt.length / 2);
  });

  it("holds a customer's role and regions in 12 bytes of the token", () => {
    const bytes = Buffer.from(mintCompactToken(settings, customer, 3600, NOW), 'base64url');
    // COSE_Mac0 framing 8 and tag 9; claims map 1, subject 1 + 14 ('pairwise-7f3a'), expiry 1 + 5: the rest is the principal claim.
    expect(bytes.length - (8 + 9) - (1 + 15 + 6)).toBe(12);
  });

  it.each([
    ['every role', ROLES.map((role): Principal => ({ subject: 's', role, regions: ['de', 'cn'] }))],
    ['no regions, and a purpose', [{ subject: 's', role: 'tax_auditor', regions: [], purpose: 'vat-return-2026' } satisfies Principal]],
  ])('reads back %s', async (_case, principals) => {
    for (const principal of principals) expect(await verifyToken(settings, mintCompactToken(settings, principal, 600))).toEqual(principal);
  });

  it('keeps a purpose', async () => {
    const auditor: Principal = { subject: 'aud-1', role: 'auditor', regions: [], purpose: 'tax-audit' };
    expect(await verifyToken(settings, mintCompactToken(settings, auditor, 600))).toEqual(auditor);
  });

  const refused: Array<[string, () => string]> = [
    ['another secret', () => mintCompactToken({ ...settings, secret: 'another-secret-of-at-least-32-characters' }, customer, 600)],
    ['another issuer', () => mintCompactToken({ ...settings, issuer: 'someone-else' }, customer, 600)],
    ['another audience', () => mintCompactToken({ ...settings, audience: 'another-service' }, customer, 600)],
    ['a changed MAC', () => flipped(mintCompactToken(settings, customer, 600), 1)],
    ['a changed expiry', () => flipped(mintCompactToken(settings, customer, 600), 24)],
    ['an unknown role code', () => withPrincipalClaim([13, ['sea']])],
    ['a role by name in the principal claim', () => withPrincipalClaim(['customer', ['sea']])],
    ['a principal claim that is not a list', () => withPrincipalClaim({ role: 0 })],
    [
      // The form minted before the principal claim (2026-12-04), role and regions named as in a JWT: none lives a day.
      'role and regions outside the principal claim',
      () =>
        sealedCompactToken(
          settings,
          new Map<number | string, unknown>([
            [2, customer.subject],
            [4, Math.floor(Date.now() / 1000) + 600],
            ['role', 'customer'],
            ['regions', ['sea']],
          ]),
        ),
    ],
    ['a principal claim without regions', () => withPrincipalClaim([0])],
    ['a principal claim with a purpose that is not text', () => withPrincipalClaim([0, ['sea'], 7])],
    ['a principal claim with more than a purpose', () => withPrincipalClaim([0, ['sea'], 'p', 'x'])],
    ['not base64url', () => 'not a token!'],
    ['not CBOR', () => Buffer.from('hello').toString('base64url')],
    ['a CBOR map, not a COSE_Mac0', () => Buffer.from(encode({ sub: 'x' })).toString('base64url')],
    [
      'another algorithm in the protected header',
      () => {
        const [, unprotected, payload, tag] = [null, new Map(), encode(new Map([[2, 'x']])), new Uint8Array(32)];
        return Buffer.from(encode([encode(new Map([[1, 4]])), unprotected, payload, tag])).toString('base64url');
      },
    ],
  ];
  it.each(refused)('refuses %s', async (_case, token) => {
    await expect(verifyToken(settings, token())).rejects.toThrow('Invalid or expired bearer token');
    expect(() => verifiedCompactClaims(settings, token())).toThrow();
  });

  it('refuses an expired token and one living longer than allowed, as for a JWT', async () => {
    const expired = mintCompactToken(settings, customer, 60, Math.floor(Date.now() / 1000) - 3600);
    await expect(verifyToken(settings, expired)).rejects.toThrow('Invalid or expired bearer token');
    const tooLong = mintCompactToken(settings, customer, 48 * 3600);
    await expect(verifyToken(settings, tooLong)).rejects.toThrow('Invalid or expired bearer token');
  });
});

describe('compactFormOf', () => {
  it('gives the same principal, expiring when the JWT it came from does, and again from the compact form', async () => {
    const jwt = await mintToken(settings, customer, '2h');
    const { exp } = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as { exp: number };
    const compact = compactFormOf(settings, jwt, customer);
    expect(compact.expiresAt).toEqual(new Date(exp * 1000));
    expect(await verifyToken(settings, compact.token)).toEqual(customer);
    expect(compactFormOf(settings, compact.token, customer).expiresAt).toEqual(new Date(exp * 1000));
  });
});

describe('principalOfClaims', () => {
  const valid = { sub: 'c1', exp: NOW + 600, iat: NOW, role: 'customer', regions: ['sea'] };
  const cases: Array<[string, Record<string, unknown>, string | null]> = [
    ['valid', valid, null],
    ['no expiry', { ...valid, exp: undefined }, 'no expiry'],
    ['expired beyond the skew', { ...valid, exp: NOW - 61 }, 'expired'],
    ['expired within the skew', { ...valid, exp: NOW - 59 }, null],
    ['issued in the future', { ...valid, iat: NOW + 120 }, 'issued in the future'],
    ['lifetime above 24 h', { ...valid, exp: NOW + 25 * 3600 }, 'lifetime above the maximum'],
    ['unknown role', { ...valid, role: 'root' }, 'malformed claims'],
    ['regions not a list', { ...valid, regions: 'sea' }, 'malformed claims'],
    ['empty subject', { ...valid, sub: '' }, 'malformed claims'],
  ];
  it.each(cases)('%s', (_case, claims, error) => {
    if (error) expect(() => principalOfClaims(claims, settings, NOW)).toThrow(error);
    else expect(principalOfClaims(claims, settings, NOW).principal).toEqual({ subject: 'c1', role: 'customer', regions: ['sea'] });
  });

  it('trusts a verified token until its expiry plus the skew', () => {
    expect(principalOfClaims(valid, settings, NOW).untilMs).toBe((NOW + 660) * 1000);
  });
});

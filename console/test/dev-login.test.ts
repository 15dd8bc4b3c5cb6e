import { verifyToken } from '@hub/shared/auth/jwt';
import { DevelopmentLoginError, mintDevelopmentToken } from '../server/dev-login.js';

const settings = { secret: 'test-secret-0123456789-0123456789-0123', issuer: 'order-hub', audience: 'order-hub' };

describe('mintDevelopmentToken', () => {
  it.each([
    ['no body', null],
    ['an unknown role', { role: 'superuser', regions: [] }],
    ['regions that are not a list', { role: 'operator', regions: 'cn' }],
    ['a region code with spaces', { role: 'operator', regions: ['c n'] }],
    ['a subject with a slash', { role: 'customer', regions: ['cn'], subject: 'a/b' }],
    ['a subject too long', { role: 'customer', regions: ['cn'], subject: 'x'.repeat(65) }],
  ])('refuses %s', async (_name, request) => {
    await expect(mintDevelopmentToken(settings, request)).rejects.toBeInstanceOf(DevelopmentLoginError);
  });

  it.each([
    [
      { role: 'operator', regions: ['cn'] },
      { subject: 'dev-operator', role: 'operator', regions: ['cn'] },
    ],
    [
      { role: 'customer', regions: ['de'], subject: 'demo-de-1' },
      { subject: 'demo-de-1', role: 'customer', regions: ['de'] },
    ],
    [{ role: 'auditor' }, { subject: 'dev-auditor', role: 'auditor', regions: [] }],
  ])('mints a token the services accept for %j', async (request, principal) => {
    const minted = await mintDevelopmentToken(settings, request);
    expect(minted.principal).toEqual(principal);
    expect(await verifyToken(settings, minted.token)).toEqual(principal);
    expect(Date.parse(minted.expiresAt) - Date.now()).toBeLessThanOrEqual(4 * 3600 * 1000);
  });
});

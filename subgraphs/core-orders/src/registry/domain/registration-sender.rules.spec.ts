import { registrationSenderProblems } from './registration-sender.rules.js';

const region = (code: string) => ({ code, displayName: code, defaultCurrency: 'EUR', timeZone: 'UTC' });

describe('registrationSenderProblems', () => {
  it.each([
    ['region-de', { name: 'region-de', region: region('de') }, 0],
    ['catalogue', { name: 'catalogue' }, 0],
    ['region-cn', { name: 'region-de', region: region('de') }, 1],
    ['region-cn', { name: 'region-cn', region: region('de') }, 1],
    ['catalogue', { name: 'region-de', region: region('cn') }, 2],
  ] as const)('%s registering %j → %i problems', (sender, request, count) => {
    expect(registrationSenderProblems(sender, request)).toHaveLength(count);
  });
});

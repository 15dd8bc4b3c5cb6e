import type { Principal } from '../auth/principal.js';
import { maskEmail, maskName, maskPhone, personalDataAccess } from './personal-data.policy.js';

const owner = { region: 'cn', customerRef: 'cust-1' };
const principal = (role: Principal['role'], regions: string[] = [], subject = 'someone'): Principal => ({ role, regions, subject });

describe('personalDataAccess', () => {
  it.each([
    ['the customer themself', principal('customer', ['cn'], 'cust-1'), 'full'],
    ['another customer', principal('customer', ['cn'], 'cust-2'), 'denied'],
    ['an operator of the region', principal('operator', ['cn']), 'full'],
    ['an operator of another region', principal('operator', ['de']), 'denied'],
    ['a carrier of the region', principal('carrier', ['cn']), 'full'],
    ['an auditor', principal('auditor'), 'masked'],
    ['an admin', principal('admin'), 'full'],
    ['an internal service', principal('service'), 'denied'],
  ] as const)('%s gets %s', (_label, caller, expected) => {
    expect(personalDataAccess(caller, owner)).toBe(expected);
  });
});

describe('masking', () => {
  it.each([
    [maskName, 'Zhang Wei', 'Z**** W**'],
    [maskName, '王芳', '王**'],
    [maskEmail, 'anna.schmidt@example.de', 'a***@example.de'],
    [maskPhone, '+86 138 0013 8000', '*********8000'],
  ])('%p(%s) = %s', (mask, input, expected) => {
    expect(mask(input)).toBe(expected);
  });
});

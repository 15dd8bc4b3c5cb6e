import { DomainError } from '@hub/shared/errors';
import { assertNoReturnFlagInAttributes, assertValidReturnDeclaration, RETURN_EXCLUSIONS, type ReturnPolicyDeclaration } from './return-policy.rules.js';

const failureOf = (run: () => void) => {
  try {
    run();
    return null;
  } catch (error) {
    return error instanceof DomainError ? { code: error.code, field: error.details.field } : error;
  }
};

describe('return-policy declarations at purchase', () => {
  it.each<[string, ReturnPolicyDeclaration | null]>([
    ['no declaration', null],
    ['an explicit returnable line', { exclusion: null }],
    ['custom-made goods', { exclusion: 'CUSTOM_MADE' }],
    ['fresh or perishable goods', { exclusion: 'FRESH_PERISHABLE' }],
    ['downloaded digital goods', { exclusion: 'DIGITAL_DOWNLOAD' }],
    ['audio-visual products or software on a sealed medium', { exclusion: 'SEALED_MEDIA' }],
    ['delivered newspapers and periodicals', { exclusion: 'NEWSPAPER_PERIODICAL' }],
    ['a statutory exclusion the customer also confirmed', { exclusion: 'CUSTOM_MADE', customerConfirmed: true }],
    ['goods unsafe or changed once unsealed, confirmed', { exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: true }],
    ['goods devalued by activation or trial, confirmed', { exclusion: 'ACTIVATION_OR_TRIAL_DEVALUES', customerConfirmed: true }],
    ['disclosed near-expiry or defective goods, confirmed', { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: true }],
  ])('accepts %s', (_label, declaration) => {
    expect(failureOf(() => assertValidReturnDeclaration('returnPolicies.0', declaration))).toBeNull();
  });

  it.each<[string, ReturnPolicyDeclaration, string]>([
    ['an unconfirmed safety/quality exclusion', { exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY' }, 'returnPolicies.2.customerConfirmed'],
    [
      'an activation exclusion the customer declined',
      { exclusion: 'ACTIVATION_OR_TRIAL_DEVALUES', customerConfirmed: false },
      'returnPolicies.2.customerConfirmed',
    ],
    [
      'a near-expiry exclusion with confirmation left out',
      { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: null },
      'returnPolicies.2.customerConfirmed',
    ],
    ['a confirmation without an exclusion', { customerConfirmed: true }, 'returnPolicies.2.customerConfirmed'],
  ])('refuses %s, naming the field', (_label, declaration, field) => {
    expect(failureOf(() => assertValidReturnDeclaration('returnPolicies.2', declaration))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it.each(['returnable', 'nonReturnable', 'non_returnable', 'noReturn', 'no-returns', 'returnPolicy'])(
    'refuses goods marked non-returnable through the attribute %s',
    (key) => {
      expect(failureOf(() => assertNoReturnFlagInAttributes(1, { [key]: false }))).toEqual({ code: 'BAD_USER_INPUT', field: `lines.1.attributes.${key}` });
    },
  );

  it('knows exactly the four statutory and three confirmable categories', () => {
    expect(RETURN_EXCLUSIONS).toHaveLength(8); // audio-visual/software is split into downloaded and sealed media
  });
});

import { DomainError } from '@hub/shared/errors';
import { assessReturnEligibility, checkReturnRequest, type LineReturnFacts } from './return-eligibility.rules.js';
import { returnWindow } from './return-window.rules.js';
import type { ReturnExclusion } from './return-policy.rules.js';

const signedAt = new Date('2026-12-01T02:00:00Z'); // 1 Dec 10:00 CST; the window closes 9 Dec 00:00 CST
const open = { window: returnWindow(signedAt), at: new Date('2026-12-04T00:00:00Z'), returnInProgress: false };
const line = (overrides: Partial<LineReturnFacts> = {}): LineReturnFacts => ({
  lineNo: 1,
  quantity: 3,
  exclusion: null,
  customerConfirmed: false,
  claimedQuantity: 0,
  ...overrides,
});

describe('line eligibility', () => {
  it.each<[string, Partial<LineReturnFacts>, boolean, string, number]>([
    ['an ordinary line', {}, true, 'ELIGIBLE', 3],
    ['a line with one unit already returned', { claimedQuantity: 1 }, true, 'ELIGIBLE', 2],
    ['a fully returned line', { claimedQuantity: 3 }, false, 'ALREADY_RETURNED', 0],
    ['custom-made goods', { exclusion: 'CUSTOM_MADE' }, false, 'EXCLUDED_CUSTOM_MADE', 0],
    ['fresh and perishable goods', { exclusion: 'FRESH_PERISHABLE' }, false, 'EXCLUDED_FRESH_PERISHABLE', 0],
    ['downloaded digital goods', { exclusion: 'DIGITAL_DOWNLOAD' }, false, 'EXCLUDED_DIGITAL_DOWNLOAD', 0],
    ['audio-visual products or software, still sealed', { exclusion: 'SEALED_MEDIA' }, true, 'ELIGIBLE_WHILE_SEALED', 3],
    ['delivered newspapers and periodicals', { exclusion: 'NEWSPAPER_PERIODICAL' }, false, 'EXCLUDED_NEWSPAPER_PERIODICAL', 0],
    [
      'confirmed: unsafe or changed once unsealed',
      { exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: true },
      false,
      'EXCLUDED_UNSEALING_AFFECTS_SAFETY_OR_QUALITY',
      0,
    ],
    [
      'confirmed: devalued by activation or trial',
      { exclusion: 'ACTIVATION_OR_TRIAL_DEVALUES', customerConfirmed: true },
      false,
      'EXCLUDED_ACTIVATION_OR_TRIAL_DEVALUES',
      0,
    ],
    [
      'confirmed: disclosed near expiry or defect',
      { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: true },
      false,
      'EXCLUDED_DISCLOSED_NEAR_EXPIRY_OR_DEFECT',
      0,
    ],
    ['unconfirmed: unsafe once unsealed', { exclusion: 'UNSEALING_AFFECTS_SAFETY_OR_QUALITY', customerConfirmed: false }, true, 'ELIGIBLE', 3],
    ['unconfirmed: devalued by activation', { exclusion: 'ACTIVATION_OR_TRIAL_DEVALUES', customerConfirmed: false }, true, 'ELIGIBLE', 3],
    ['unconfirmed: near expiry', { exclusion: 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT', customerConfirmed: false }, true, 'ELIGIBLE', 3],
  ])('%s → eligible=%s, %s, %i returnable', (_label, facts, eligible, reason, returnableQuantity) => {
    const [verdict] = assessReturnEligibility([line(facts)], open);
    expect(verdict).toEqual({ lineNo: 1, eligible, reason, returnableQuantity, deadline: new Date('2026-12-08T16:00:00Z'), lastDay: '2026-12-08' });
  });

  it.each<[string, Date | null, Date, string]>([
    ['not yet signed', null, new Date('2026-12-04T00:00:00Z'), 'WINDOW_NOT_STARTED'],
    ['the last second of day 7 (CST)', signedAt, new Date('2026-12-08T15:59:59.999Z'), 'ELIGIBLE'],
    ['midnight after day 7 (CST)', signedAt, new Date('2026-12-08T16:00:00.000Z'), 'WINDOW_EXPIRED'],
    ['a month later', signedAt, new Date('2027-01-01T00:00:00Z'), 'WINDOW_EXPIRED'],
  ])('window: %s → %s', (_label, signed, at, reason) => {
    const [verdict] = assessReturnEligibility([line()], { window: signed ? returnWindow(signed) : null, at, returnInProgress: false });
    expect(verdict?.reason).toBe(reason);
  });

  it.each<[ReturnExclusion, string]>([
    ['CUSTOM_MADE', 'EXCLUDED_CUSTOM_MADE'],
    ['FRESH_PERISHABLE', 'EXCLUDED_FRESH_PERISHABLE'],
  ])('names the exclusion (%s) rather than the window, because it never changes', (exclusion, reason) => {
    const [verdict] = assessReturnEligibility([line({ exclusion })], { ...open, window: null });
    expect(verdict?.reason).toBe(reason);
  });

  it('holds every line while another return of the order is open', () => {
    const verdicts = assessReturnEligibility([line(), line({ lineNo: 2 })], { ...open, returnInProgress: true });
    expect(verdicts.map((v) => [v.reason, v.returnableQuantity])).toEqual([
      ['RETURN_IN_PROGRESS', 0],
      ['RETURN_IN_PROGRESS', 0],
    ]);
  });
});

describe('checking a (partial) return request', () => {
  const verdicts = assessReturnEligibility([line(), line({ lineNo: 2, exclusion: 'CUSTOM_MADE' }), line({ lineNo: 3, claimedQuantity: 2 })], open);

  it.each<[string, Array<{ lineNo: number; quantity: number }>, object]>([
    ['part of one line', [{ lineNo: 1, quantity: 2 }], { accepted: true }],
    ['the rest of a partly returned line', [{ lineNo: 3, quantity: 1 }], { accepted: true }],
    ['more than was bought', [{ lineNo: 1, quantity: 4 }], { accepted: false, lineNo: 1, reason: 'QUANTITY_EXCEEDS_RETURNABLE', returnableQuantity: 3 }],
    ['more than is left', [{ lineNo: 3, quantity: 2 }], { accepted: false, lineNo: 3, reason: 'QUANTITY_EXCEEDS_RETURNABLE', returnableQuantity: 1 }],
    [
      'an excluded line',
      [
        { lineNo: 1, quantity: 1 },
        { lineNo: 2, quantity: 1 },
      ],
      { accepted: false, lineNo: 2, reason: 'EXCLUDED_CUSTOM_MADE', returnableQuantity: 0 },
    ],
  ])('%s', (_label, requested, expected) => {
    expect(checkReturnRequest(verdicts, requested)).toEqual(expected);
  });

  it.each<[string, Array<{ lineNo: number; quantity: number }>, string]>([
    ['no lines', [], 'lines'],
    ['an unknown line', [{ lineNo: 9, quantity: 1 }], 'lines.0.lineNo'],
    [
      'a line named twice',
      [
        { lineNo: 1, quantity: 1 },
        { lineNo: 1, quantity: 1 },
      ],
      'lines.1.lineNo',
    ],
  ])('refuses %s as bad input', (_label, requested, field) => {
    expect(() => checkReturnRequest(verdicts, requested)).toThrow(DomainError);
    try {
      checkReturnRequest(verdicts, requested);
    } catch (error) {
      expect((error as DomainError).details.field).toBe(field);
    }
  });
});

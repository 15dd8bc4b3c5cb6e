import { DomainError } from '@hub/shared/errors';
import { assertCanDo, decideApproval, displayStatus, planActivation, type LifecycleAction, type StoredStatus } from './lifecycle.rules.js';

const codeOf = (run: () => unknown): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    return ((error as DomainError).details.rule as string) ?? (error as DomainError).code;
  }
};

describe('assertCanDo: the lifecycle', () => {
  it.each<[LifecycleAction, StoredStatus, boolean]>([
    ['edit', 'DRAFT', true],
    ['edit', 'IN_REVIEW', false],
    ['submit', 'DRAFT', true],
    ['submit', 'APPROVED', false],
    ['approve', 'IN_REVIEW', true],
    ['approve', 'DRAFT', false],
    ['reject', 'IN_REVIEW', true],
    ['activate', 'APPROVED', true],
    ['activate', 'IN_REVIEW', false],
    ['activate', 'DRAFT', false],
    ['retire', 'PUBLISHED', true],
    ['retire', 'DRAFT', false],
    ['edit', 'PUBLISHED', false],
  ])('%s a %s version: %s', (action, status, allowed) => {
    expect(codeOf(() => assertCanDo(action, status))).toBe(allowed ? null : 'INVALID_STATUS_TRANSITION');
  });
});

describe('decideApproval: four-eyes', () => {
  it.each<[string, string, string[], number, string | boolean]>([
    ['the author approving', 'ann', [], 1, 'APPROVER_IS_AUTHOR'],
    ['another person, one needed', 'bob', [], 1, true],
    ['a first approver of a high-impact version', 'bob', [], 2, false],
    ['the same approver twice', 'bob', ['bob'], 2, 'ALREADY_APPROVED'],
    ['a second, different approver', 'cat', ['bob'], 2, true],
  ])('%s', (_label, approver, approvals, requiredApprovals, expected) => {
    const run = () => decideApproval({ author: 'ann', approver, approvals, requiredApprovals });
    if (typeof expected === 'string') expect(codeOf(run)).toBe(expected);
    else expect(run().approved).toBe(expected);
  });
});

describe('planActivation: no two versions in force at once', () => {
  const v1 = { number: 1, from: 0, to: Infinity };
  const v2 = { number: 2, from: 500, to: Infinity };
  it.each<[string, { from: number; to: number }, Array<typeof v1>, boolean, unknown]>([
    ['nothing published', { from: 100, to: Infinity }, [], false, []],
    ['an overlap without supersede', { from: 100, to: Infinity }, [v1], false, 'RULE_VERSION_OVERLAP'],
    ['superseding an open-ended version', { from: 100, to: Infinity }, [v1], true, [{ number: 1, kind: 'truncate', to: 100 }]],
    [
      'superseding a later scheduled one too',
      { from: 100, to: Infinity },
      [{ ...v1, to: 500 }, v2],
      true,
      [
        { number: 1, kind: 'truncate', to: 100 },
        { number: 2, kind: 'retire' },
      ],
    ],
    ['a period before the published one', { from: 0, to: 500 }, [v2], false, []],
  ])('%s', (_label, period, published, supersede, expected) => {
    const run = () => planActivation(period, published, supersede);
    if (typeof expected === 'string') expect(codeOf(run)).toBe(expected);
    else expect(run()).toEqual(expected);
  });

  it.each<[StoredStatus, number, string]>([
    ['PUBLISHED', 50, 'SCHEDULED'],
    ['PUBLISHED', 150, 'ACTIVE'],
    ['PUBLISHED', 250, 'RETIRED'],
    ['APPROVED', 50, 'APPROVED'],
  ])('a %s version at %i reads %s', (status, now, expected) => expect(displayStatus(status, { from: 100, to: 200 }, now)).toBe(expected));
});

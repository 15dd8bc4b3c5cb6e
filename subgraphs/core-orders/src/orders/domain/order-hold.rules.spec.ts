import type { Actor } from '@hub/shared/auth/principal';
import { approveHold, assertHoldAllows, holdOf, isHeld } from './order-hold.rules.js';

const at = new Date('2026-11-11T00:05:00Z');
const reviewer = (id: string): Actor => ({ type: 'user', id });
const twoLevels = holdOf({ levels: 2, reasons: [{ ruleSet: 'big-orders', version: 1, ruleId: 'over-10k', message: 'Orders over 10,000 need two reviews' }] });

describe('approveHold', () => {
  it('releases a two-level hold at the second, different approver', () => {
    const first = approveHold(twoLevels, reviewer('ana'), at, 'checked the buyer');
    expect(first).toMatchObject({ released: false, hold: { releasedAt: null, approvals: [{ level: 1, actor: reviewer('ana'), note: 'checked the buyer' }] } });
    const second = approveHold(first.hold, reviewer('ben'), at, null);
    expect(second.released).toBe(true);
    expect(second.hold.releasedAt).toBe(at.toISOString());
    expect(second.hold.approvals.map((approval) => approval.level)).toEqual([1, 2]);
    expect(isHeld(second.hold)).toBe(false);
  });

  it.each([
    ['the same approver twice', approveHold(twoLevels, reviewer('ana'), at, null).hold, 'HOLD_APPROVER_REPEATED'],
    ['an order without a hold', null, 'ORDER_NOT_ON_HOLD'],
    ['a released hold', approveHold(approveHold(twoLevels, reviewer('ana'), at, null).hold, reviewer('ben'), at, null).hold, 'ORDER_NOT_ON_HOLD'],
  ])('refuses %s', (_case, hold, rule) => {
    expect(() => approveHold(hold, reviewer('ana'), at, null)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule }) }),
    );
  });
});

describe('assertHoldAllows', () => {
  it.each([
    ['PAID', twoLevels, true],
    ['CANCELLED', twoLevels, true],
    ['PICKED', twoLevels, false],
    ['PICKED', null, true],
    ['PICKED', approveHold(approveHold(twoLevels, reviewer('ana'), at, null).hold, reviewer('ben'), at, null).hold, true],
  ] as const)('a move to %s', (to, hold, allowed) => {
    const move = () => assertHoldAllows(hold, to);
    if (allowed) expect(move).not.toThrow();
    else expect(move).toThrow(expect.objectContaining({ details: expect.objectContaining({ rule: 'ORDER_ON_HOLD' }) }));
  });
});

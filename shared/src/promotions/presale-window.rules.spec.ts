import { judgeFinalPayment, reminderSchedule } from './presale-window.rules.js';

const window = { finalOpensAt: '2026-11-11T00:00:00.000Z', finalClosesAt: '2026-11-12T00:00:00.000Z' };

describe('judgeFinalPayment', () => {
  it.each([
    ['2026-11-10T23:59:59.999Z', 'FINAL_PAYMENT_NOT_OPEN'],
    ['2026-11-11T00:00:00.000Z', null],
    ['2026-11-11T23:59:59.999Z', null],
    ['2026-11-12T00:00:00.000Z', 'FINAL_PAYMENT_CLOSED'],
  ])('at %s', (at, code) => {
    const verdict = judgeFinalPayment(window, new Date(at));
    expect(verdict.ok ? null : verdict.code).toBe(code);
  });
});

describe('reminderSchedule', () => {
  it.each([
    [[], []],
    [[120], ['2026-11-11T22:00:00.000Z']],
    [
      [1440, 60],
      ['2026-11-11T00:00:00.000Z', '2026-11-11T23:00:00.000Z'],
    ],
    // Never before the window opens: a reminder to pay what cannot be paid yet waits for the opening.
    [[4320], ['2026-11-11T00:00:00.000Z']],
  ])('%j minutes before closing', (minutes, due) => {
    const schedule = reminderSchedule({ ...window, remindBeforeMinutes: minutes });
    expect(schedule.map((reminder) => reminder.dueAt.toISOString())).toEqual(due);
    expect(schedule.map((reminder) => reminder.reminderNo)).toEqual(due.map((_at, index) => index + 1));
  });
});

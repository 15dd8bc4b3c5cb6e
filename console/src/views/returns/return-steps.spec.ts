import { describe, expect, it } from '@jest/globals';
import { actionsFor, isOpen, nextDaySlots, stepReached } from './return-steps';

describe('the CN return task flow', () => {
  it.each([
    ['REQUESTED', 0, true, ['book', 'withdraw']],
    ['PICKUP_SCHEDULED', 1, true, ['scan', 'cancel-pickup', 'withdraw']],
    ['PICKED_UP', 2, true, ['inspect']],
    ['RECEIVED', 3, true, ['settle']],
    ['REFUNDED', 4, false, []],
    ['REJECTED', 4, false, []],
    ['WITHDRAWN', 0, false, []],
    ['REFUSED_BY_CORE', 0, false, []],
  ] as const)('%s: step %i, open %s, offers %j', (state, step, open, actions) => {
    expect(stepReached(state)).toBe(step);
    expect(isOpen(state)).toBe(open);
    expect(actionsFor(state)).toEqual(actions);
  });

  it('offers next-day slots in Beijing time, also just after Beijing midnight, still the day before in UTC', () => {
    expect(nextDaySlots(new Date('2026-12-03T16:30:00Z')).map((slot) => slot.startsAt)).toEqual(['2026-12-05T02:00:00.000Z', '2026-12-05T06:00:00.000Z']);
    expect(nextDaySlots(new Date('2026-12-03T10:00:00Z'))[0]).toEqual({
      startsAt: '2026-12-04T02:00:00.000Z',
      endsAt: '2026-12-04T04:00:00.000Z',
      capacity: 5,
      fee: 0,
    });
  });
});

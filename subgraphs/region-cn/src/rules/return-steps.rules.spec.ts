import { assertReturnStep, InvalidReturnStepError, RETURN_STATES, RETURN_STEPS, type ReturnState, type ReturnStep } from './return-steps.rules.js';

describe('return steps', () => {
  it.each<[ReturnState, ReturnStep]>([
    ['REQUESTED', 'schedulePickup'],
    ['REQUESTED', 'withdraw'],
    ['PICKUP_SCHEDULED', 'reschedulePickup'],
    ['PICKUP_SCHEDULED', 'cancelPickup'],
    ['PICKUP_SCHEDULED', 'withdraw'],
    ['PICKUP_SCHEDULED', 'pickUp'],
    ['PICKED_UP', 'receive'],
    ['RECEIVED', 'refund'],
    ['RECEIVED', 'reject'],
  ])('%s may %s', (state, step) => {
    expect(() => assertReturnStep(state, step)).not.toThrow();
  });

  it.each<[ReturnState, ReturnStep]>([
    ['REQUESTED', 'pickUp'],
    ['PICKED_UP', 'withdraw'],
    ['PICKED_UP', 'cancelPickup'],
    ['REFUNDED', 'refund'],
    ['REJECTED', 'refund'],
    ['WITHDRAWN', 'schedulePickup'],
    ['RECEIVED', 'withdraw'],
    ['REQUESTED', 'request'],
  ])('%s may not %s', (state, step) => {
    expect(() => assertReturnStep(state, step)).toThrow(InvalidReturnStepError);
  });

  it("sets the order statuses of core's return flow, in order", () => {
    const flow: ReturnStep[] = ['request', 'schedulePickup', 'pickUp', 'receive', 'refund'];
    expect(flow.map((step) => RETURN_STEPS[step].orderStatus)).toEqual([
      'RETURN_REQUESTED',
      'RETURN_PICKUP_SCHEDULED',
      'RETURN_PICKED_UP',
      'RETURN_RECEIVED',
      'REFUNDED',
    ]);
    expect(Object.values(RETURN_STEPS).every((step) => RETURN_STATES.includes(step.to))).toBe(true);
  });
});

import { planDelayNotice, planStepNotice } from './notice-tiering.js';

describe('planStepNotice', () => {
  it.each([
    ['ORDINARY', 'OUT_FOR_DELIVERY', { topic: 'JOURNEY_STEP', includeLocation: false }],
    ['ORDINARY', 'LABEL_CREATED', { topic: 'JOURNEY_STEP', includeLocation: false }],
    ['ORDINARY', 'ARRIVED_AT_NODE', null],
    ['ORDINARY', 'PACKED', null],
    ['VIP', 'ARRIVED_AT_NODE', { topic: 'JOURNEY_STEP', includeLocation: true }],
    ['VIP', 'SIGNED', { topic: 'JOURNEY_STEP', includeLocation: true }],
    ['B2B', 'SIGNED', null],
    ['B2B', 'ARRIVED_AT_NODE', null],
  ] as const)('%s hears of %s: %j', (tier, kind, expected) => {
    expect(planStepNotice(tier, kind)).toEqual(expected);
  });

  it.each([
    ['ORDINARY', false],
    ['VIP', true],
    ['B2B', false],
  ] as const)('every tier hears of a delay (%s, location %s)', (tier, includeLocation) => {
    expect(planDelayNotice(tier)).toEqual({ topic: 'DELAY_WARNING', includeLocation });
  });
});

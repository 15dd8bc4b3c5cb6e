import { planDelayNotice, planStepNotice } from './notice-tiering.js';

describe('planStepNotice', () => {
  it.each([
    ['ORDINARY', 'OUT_FOR_DELIVERY', { topic: 'JOURNEY_STEP', includeLocation: false, urgency: 'URGENT' }],
    ['ORDINARY', 'DELIVERY_REFUSED', { topic: 'JOURNEY_STEP', includeLocation: false, urgency: 'URGENT' }],
    ['ORDINARY', 'LABEL_CREATED', { topic: 'JOURNEY_STEP', includeLocation: false, urgency: 'NORMAL' }],
    ['ORDINARY', 'SIGNED', { topic: 'JOURNEY_STEP', includeLocation: false, urgency: 'NORMAL' }],
    ['ORDINARY', 'DELIVERY_ATTEMPTED', null],
    ['ORDINARY', 'ARRIVED_AT_NODE', null],
    ['ORDINARY', 'PACKED', null],
    ['VIP', 'ARRIVED_AT_NODE', { topic: 'JOURNEY_STEP', includeLocation: true, urgency: 'NORMAL' }],
    ['VIP', 'SIGNED', { topic: 'JOURNEY_STEP', includeLocation: true, urgency: 'NORMAL' }],
    ['VIP', 'OUT_FOR_DELIVERY', { topic: 'JOURNEY_STEP', includeLocation: true, urgency: 'URGENT' }],
    ['VIP', 'DELIVERY_ATTEMPTED', { topic: 'JOURNEY_STEP', includeLocation: true, urgency: 'URGENT' }],
    ['B2B', 'SIGNED', null],
    ['B2B', 'ARRIVED_AT_NODE', null],
  ] as const)('%s hears of %s: %j', (tier, kind, expected) => {
    expect(planStepNotice(tier, kind)).toEqual(expected);
  });

  it.each([
    ['ORDINARY', false, 'NORMAL'],
    ['VIP', true, 'URGENT'],
    ['B2B', false, 'NORMAL'],
  ] as const)('every tier hears of a delay (%s, location %s, %s)', (tier, includeLocation, urgency) => {
    expect(planDelayNotice(tier)).toEqual({ topic: 'DELAY_WARNING', includeLocation, urgency });
  });
});

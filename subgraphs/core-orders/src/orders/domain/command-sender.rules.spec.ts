import { refuseOrderSender, refuseSender } from './command-sender.rules.js';

describe('refuseSender', () => {
  it.each([
    ['region-cn', 'region-cn', 'order.register', 'cn', undefined],
    ['region-cn', 'region-cn', 'order.register', 'de', 'NOT_THE_ORDERS_REGION'],
    ['tracking', 'tracking', 'order.register', 'cn', 'NOT_THE_ORDERS_REGION'],
    ['region-cn', 'region-de', 'order.register', 'de', 'SOURCE_MISMATCH'],
    ['region-cn', 'region-de', 'order.transition', 'cn', 'SOURCE_MISMATCH'],
    ['tracking', 'tracking', 'order.transition', 'cn', undefined],
    ['region-de', 'region-de', 'order.transition', 'cn', undefined],
    ['fulfilment', 'fulfilment', 'order.note', 'cn', undefined],
    ['fulfilment', 'region-cn', 'order.note', 'cn', 'SOURCE_MISMATCH'],
    ['region-cn', 'region-cn', 'order.note', 'cn', 'NOT_THE_NOTES_SOURCE'],
    ['tracking', 'tracking', 'order.note', 'cn', 'NOT_THE_NOTES_SOURCE'],
  ] as const)('sender %s claiming %s sending %s for region %s → %s', (sender, source, kind, region, expected) => {
    expect(refuseSender(sender, { source, kind, body: { region, event: 'REALLOCATED' } })).toBe(expected);
  });
});

describe('refuseOrderSender', () => {
  it.each([
    ['region-cn', 'cn', undefined],
    ['region-de', 'cn', 'NOT_THE_ORDERS_REGION'],
    ['region-sea', 'se', 'NOT_THE_ORDERS_REGION'],
    ['tracking', 'cn', undefined],
    ['fulfilment', 'de', undefined],
  ] as const)('sender %s acting on an order of region %s → %s', (sender, region, expected) => {
    expect(refuseOrderSender(sender, region)).toBe(expected);
  });
});

import { checkRequestedRange, statesToList } from './return-list.rules.js';

const ALL = ['REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED', 'REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE'];

describe('which states a staff list of returns reads', () => {
  it.each([
    ['nothing asked: every state', {}, ALL],
    ['open returns', { open: true }, ['REQUESTED', 'PICKUP_SCHEDULED', 'PICKED_UP', 'RECEIVED']],
    ['settled and closed returns', { open: false }, ['REFUNDED', 'REJECTED', 'WITHDRAWN', 'REFUSED_BY_CORE']],
    ['the states asked for', { states: ['REFUNDED', 'REQUESTED'] }, ['REFUNDED', 'REQUESTED']],
    ['asked states narrowed to open ones', { states: ['REFUNDED', 'REQUESTED'], open: true }, ['REQUESTED']],
    ['asked states that are all open, closed asked: none', { states: ['RECEIVED'], open: false }, []],
    ['open given as null: no narrowing', { states: ['WITHDRAWN'], open: null }, ['WITHDRAWN']],
  ] as const)('%s', (_, filter, expected) => {
    expect(statesToList(filter)).toEqual(expected);
  });
});

describe('the requested-at window', () => {
  const at = (iso: string) => new Date(iso);
  it.each([
    ['no bounds', {}, true],
    ['a start only', { requestedFrom: at('2026-12-01T00:00:00Z') }, true],
    ['an end only', { requestedTo: at('2026-12-01T00:00:00Z') }, true],
    ['an end after the start', { requestedFrom: at('2026-12-01T00:00:00Z'), requestedTo: at('2026-12-01T00:00:01Z') }, true],
    ['an end equal to the start', { requestedFrom: at('2026-12-01T00:00:00Z'), requestedTo: at('2026-12-01T00:00:00Z') }, false],
    ['an end before the start', { requestedFrom: at('2026-12-02T00:00:00Z'), requestedTo: at('2026-12-01T00:00:00Z') }, false],
  ])('%s', (_, window, accepted) => {
    if (accepted) expect(() => checkRequestedRange(window)).not.toThrow();
    else expect(() => checkRequestedRange(window)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.requestedTo' }));
  });
});

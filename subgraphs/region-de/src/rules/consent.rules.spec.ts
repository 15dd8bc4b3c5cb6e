import { currentConsents, type ConsentEvent } from './consent.rules.js';

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const event = (channel: string, action: ConsentEvent['action'], day: number, wordingVersion: string | null = null): ConsentEvent => ({
  channel,
  action,
  wordingVersion,
  recordedAt: at(day),
});

describe('currentConsents', () => {
  it.each<[string, ConsentEvent[], Array<[string, boolean, string | null]>]>([
    ['nothing recorded', [], []],
    ['granted', [event('EMAIL', 'GRANTED', 1, 'v1')], [['EMAIL', true, 'v1']]],
    ['granted, then revoked', [event('EMAIL', 'GRANTED', 1, 'v1'), event('EMAIL', 'REVOKED', 2)], [['EMAIL', false, null]]],
    [
      'revoked, then granted again with new wording',
      [event('EMAIL', 'GRANTED', 1, 'v1'), event('EMAIL', 'REVOKED', 2), event('EMAIL', 'GRANTED', 3, 'v2')],
      [['EMAIL', true, 'v2']],
    ],
    ['history out of order', [event('EMAIL', 'REVOKED', 5), event('EMAIL', 'GRANTED', 1, 'v1')], [['EMAIL', false, null]]],
    [
      'channels independent',
      [event('EMAIL', 'GRANTED', 1, 'v1'), event('PHONE', 'GRANTED', 2, 'p1'), event('PHONE', 'REVOKED', 3)],
      [
        ['EMAIL', true, 'v1'],
        ['PHONE', false, null],
      ],
    ],
  ])('%s', (_label, events, expected) => {
    expect(currentConsents(events).map((s) => [s.channel, s.granted, s.wordingVersion])).toEqual(expected);
  });
});

import { nextSendTime, parseQuietHours } from './quiet-hours.js';

describe('nextSendTime', () => {
  it.each([
    ['no quiet hours', '2026-12-02T15:00:00Z', null, '2026-12-02T15:00:00Z'],
    ['outside the window (Shanghai 14:00)', '2026-12-02T06:00:00Z', ['22:00-07:00', 'Asia/Shanghai'], '2026-12-02T06:00:00Z'],
    ['inside, before midnight (Shanghai 23:30)', '2026-12-02T15:30:00Z', ['22:00-07:00', 'Asia/Shanghai'], '2026-12-02T23:00:00Z'],
    ['inside, after midnight (Shanghai 03:00)', '2026-12-02T19:00:00Z', ['22:00-07:00', 'Asia/Shanghai'], '2026-12-02T23:00:00Z'],
    ['a daytime window (Berlin 13:00-14:00, at 13:15)', '2026-12-02T12:15:00Z', ['13:00-14:00', 'Europe/Berlin'], '2026-12-02T13:00:00Z'],
    ['across the spring DST change (Berlin 01:30 → 07:00 CEST)', '2026-03-29T00:30:00Z', ['22:00-07:00', 'Europe/Berlin'], '2026-03-29T05:00:00Z'],
  ] as const)('%s', (_name, now, quiet, expected) => {
    const window = quiet ? parseQuietHours(quiet[0], quiet[1]) : null;
    expect(nextSendTime(new Date(now), window).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each(['7-22', '24:00-07:00', '22:00 07:00', ''])('refuses the malformed window %j', (text) => {
    expect(parseQuietHours(text, 'UTC')).toBeNull();
  });
});

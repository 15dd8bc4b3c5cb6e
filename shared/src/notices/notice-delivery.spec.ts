import { planNoticeDelivery, validateNoticePreference, type NoticePreference, type NoticeUrgency } from './notice-delivery.js';
import { parseQuietHours } from './quiet-hours.js';

// Region-cn's defaults: Chinese, Beijing time, quiet 22:00-08:00.
const cn = { language: 'zh', timeZone: 'Asia/Shanghai', quietHours: parseQuietHours('22:00-08:00', 'Asia/Shanghai') };
const pref = (language: string | null, timeZone: string | null, quietHours: string | null): NoticePreference => ({ language, timeZone, quietHours });

describe('planNoticeDelivery', () => {
  it.each<[string, NoticeUrgency, NoticePreference | null, string, [string, string, string]]>([
    ['no preference, daytime in Beijing: now, in Chinese', 'NORMAL', null, '2026-12-02T06:00:00Z', ['zh', 'Asia/Shanghai', '2026-12-02T06:00:00Z']],
    [
      "no preference, 23:00 Beijing: the region's quiet hours end at 08:00",
      'NORMAL',
      null,
      '2026-12-02T15:00:00Z',
      ['zh', 'Asia/Shanghai', '2026-12-03T00:00:00Z'],
    ],
    ['urgent at 23:00 Beijing: sent now', 'URGENT', null, '2026-12-02T15:00:00Z', ['zh', 'Asia/Shanghai', '2026-12-02T15:00:00Z']],
    [
      'English, Jakarta, quiet 21:00-06:00: 23:00 Beijing is 22:00 Jakarta, wait for 06:00 Jakarta',
      'NORMAL',
      pref('en', 'Asia/Jakarta', '21:00-06:00'),
      '2026-12-02T15:00:00Z',
      ['en', 'Asia/Jakarta', '2026-12-02T23:00:00Z'],
    ],
    [
      "the customer's own window replaces the region's: 07:00 Beijing is free for a 23:00-06:00 window",
      'NORMAL',
      pref(null, null, '23:00-06:00'),
      '2026-12-01T23:00:00Z',
      ['zh', 'Asia/Shanghai', '2026-12-01T23:00:00Z'],
    ],
    [
      "only a language chosen: the region's zone and quiet hours still apply",
      'NORMAL',
      pref('de', null, null),
      '2026-12-02T15:00:00Z',
      ['de', 'Asia/Shanghai', '2026-12-03T00:00:00Z'],
    ],
    [
      'an unknown zone and language fall back (region zone, English) rather than block the notice',
      'NORMAL',
      pref('xx', 'Mars/Olympus', null),
      '2026-12-02T06:00:00Z',
      ['en', 'Asia/Shanghai', '2026-12-02T06:00:00Z'],
    ],
    [
      'a malformed stored window falls back to the region window',
      'NORMAL',
      pref(null, null, '9-5'),
      '2026-12-02T15:00:00Z',
      ['zh', 'Asia/Shanghai', '2026-12-03T00:00:00Z'],
    ],
    [
      'Berlin across the autumn DST change: 23:30 CEST on 24 Oct waits for 07:00 CET',
      'NORMAL',
      pref('de', 'Europe/Berlin', '22:00-07:00'),
      '2026-10-24T21:30:00Z',
      ['de', 'Europe/Berlin', '2026-10-25T06:00:00Z'],
    ],
    [
      'urgent for a customer with a window: now',
      'URGENT',
      pref('th', 'Asia/Bangkok', '00:00-23:59'),
      '2026-12-02T06:00:00Z',
      ['th', 'Asia/Bangkok', '2026-12-02T06:00:00Z'],
    ],
  ])('%s', (_name, urgency, preference, now, [language, timeZone, sendAt]) => {
    expect(planNoticeDelivery({ urgency, defaults: cn, preference, now: new Date(now) })).toEqual({ language, timeZone, sendAt: new Date(sendAt) });
  });
});

describe('validateNoticePreference', () => {
  it.each<[string, NoticePreference, string[]]>([
    ['all set', pref('id', 'Asia/Jakarta', '21:00-06:00'), []],
    ['all cleared', pref(null, null, null), []],
    ['a language notices are not written in', pref('fr', null, null), ['language']],
    ['a zone that does not exist', pref(null, 'Europe/Atlantis', null), ['timeZone']],
    ['quiet hours not HH:MM-HH:MM', pref(null, null, '22-7'), ['quietHours']],
    ['an empty window (start = end)', pref(null, null, '22:00-22:00'), ['quietHours']],
    ['everything wrong at once', pref('xx', 'UTC+8', '25:00-07:00'), ['language', 'timeZone', 'quietHours']],
  ])('%s', (_name, preference, fields) => {
    expect(validateNoticePreference(preference).map((problem) => problem.field)).toEqual(fields);
  });
});

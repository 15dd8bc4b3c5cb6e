import { seaNoticeRecipient } from './notice-recipient.rules.js';

describe('seaNoticeRecipient', () => {
  it.each([
    ['ID', 'id', 'Asia/Jakarta'],
    ['TH', 'th', 'Asia/Bangkok'],
    ['MY', 'en', 'Asia/Kuala_Lumpur'],
    ['PH', 'en', 'Asia/Manila'],
    ['VN', 'en', 'Asia/Ho_Chi_Minh'],
    ['SG', 'en', 'Asia/Singapore'],
    ['XX', 'en', 'Asia/Singapore'],
  ])('a buyer in %s: SMS in %s, quiet 21:00-08:00 %s', (country, language, timeZone) => {
    expect(seaNoticeRecipient({ customerPhone: '+6281234567890', country })).toEqual({
      phone: '+6281234567890',
      language,
      timeZone,
      quietHours: { startMinute: 21 * 60, endMinute: 8 * 60, timeZone },
    });
  });
});

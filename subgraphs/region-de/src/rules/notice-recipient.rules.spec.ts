import { deNoticeRecipient } from './notice-recipient.rules.js';

describe('deNoticeRecipient', () => {
  it.each([
    ['DE', null, 'de', 'Europe/Berlin'],
    ['AT', '+43660123456', 'de', 'Europe/Berlin'],
    ['FR', null, 'en', 'Europe/Berlin'],
    ['PT', null, 'en', 'Europe/Lisbon'],
    ['FI', '+358401234567', 'en', 'Europe/Helsinki'],
  ])('a parcel to %s (phone %s): e-mail in %s, night rest in %s', (country, phone, language, timeZone) => {
    expect(deNoticeRecipient({ customerEmail: 'kunde@example.de', customerPhone: phone, country })).toEqual({
      email: 'kunde@example.de',
      phone,
      language,
      timeZone,
      quietHours: { startMinute: 22 * 60, endMinute: 7 * 60, timeZone },
    });
  });
});

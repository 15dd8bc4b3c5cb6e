import type { NoticeRecipient } from '@hub/shared/notices/notice-consumer';
import { parseQuietHours } from '@hub/shared/notices/quiet-hours';
import { isSeaCountry, type SeaCountry } from './country-currency.rules.js';

/** Each destination's own clock and, where the notice texts exist, its language; English elsewhere. */
const BY_COUNTRY: Record<SeaCountry, { timeZone: string; language: string }> = {
  ID: { timeZone: 'Asia/Jakarta', language: 'id' },
  TH: { timeZone: 'Asia/Bangkok', language: 'th' },
  MY: { timeZone: 'Asia/Kuala_Lumpur', language: 'en' },
  PH: { timeZone: 'Asia/Manila', language: 'en' },
  VN: { timeZone: 'Asia/Ho_Chi_Minh', language: 'en' },
  SG: { timeZone: 'Asia/Singapore', language: 'en' },
};

/** Quiet from 21:00 to 08:00 where the customer lives: SMS at night is the complaint couriers hear most. */
const QUIET_HOURS = '21:00-08:00';

/**
 * Parcel notices in SEA go by SMS to the buyer's phone (E.164, as couriers dial it), in the destination's
 * language and time zone, outside its night hours; the customer's own preference overrides each default.
 */
export function seaNoticeRecipient(contact: { customerPhone: string; country: string }): NoticeRecipient {
  const local = isSeaCountry(contact.country) ? BY_COUNTRY[contact.country] : BY_COUNTRY.SG;
  return { phone: contact.customerPhone, language: local.language, timeZone: local.timeZone, quietHours: parseQuietHours(QUIET_HOURS, local.timeZone) };
}

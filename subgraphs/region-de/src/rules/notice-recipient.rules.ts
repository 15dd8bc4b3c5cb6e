import type { NoticeRecipient } from '@hub/shared/notices/notice-consumer';
import { parseQuietHours } from '@hub/shared/notices/quiet-hours';

/** EU destinations off Berlin's clock; every other EU country shares Central European Time. */
const TIME_ZONES: Record<string, string> = {
  PT: 'Europe/Lisbon',
  IE: 'Europe/Dublin',
  FI: 'Europe/Helsinki',
  EE: 'Europe/Tallinn',
  LV: 'Europe/Riga',
  LT: 'Europe/Vilnius',
  GR: 'Europe/Athens',
  BG: 'Europe/Sofia',
  RO: 'Europe/Bucharest',
  CY: 'Asia/Nicosia',
};
/** Where the notice texts' German is the customer's language; English for the rest of the EU. */
const GERMAN_SPEAKING = new Set(['DE', 'AT', 'LU', 'LI']);

/** The usual night rest (Nachtruhe, 22:00-07:00), read in the customer's zone. */
const QUIET_HOURS = '22:00-07:00';

/**
 * Parcel notices in region-de go by e-mail (every DE order has one; an SMS number only when the buyer gave it,
 * GDPR art. 5(1)(c)), in German where it is spoken and English elsewhere, outside night rest where the parcel goes.
 */
export function deNoticeRecipient(contact: { customerEmail: string; customerPhone?: string | null; country: string }): NoticeRecipient {
  const timeZone = TIME_ZONES[contact.country] ?? 'Europe/Berlin';
  return {
    email: contact.customerEmail,
    phone: contact.customerPhone ?? null,
    language: GERMAN_SPEAKING.has(contact.country) ? 'de' : 'en',
    timeZone,
    quietHours: parseQuietHours(QUIET_HOURS, timeZone),
  };
}

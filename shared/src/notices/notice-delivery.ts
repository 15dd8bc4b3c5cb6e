import { NOTICE_LANGUAGES, noticeLanguage, type NoticeLanguage } from './notice-text.js';
import { nextSendTime, parseQuietHours, type QuietHours } from './quiet-hours.js';

/** How pressing a notice is; tracking decides it from the customer's tier and the step (no personal data needed). */
export const NOTICE_URGENCIES = ['URGENT', 'NORMAL'] as const;
export type NoticeUrgency = (typeof NOTICE_URGENCIES)[number];

/** What a customer chose for notices; kept by the customer's region beside their other personal data. */
export interface NoticePreference {
  language: string | null;
  /** IANA zone, e.g. `Asia/Jakarta`; quiet hours are read in it. */
  timeZone: string | null;
  /** `HH:MM-HH:MM` in the customer's zone, e.g. `22:00-07:00`; null for none. */
  quietHours: string | null;
}

/** The region's defaults for a customer without a preference (its language, zone and usual quiet hours). */
export interface NoticeDefaults {
  language?: string | null;
  timeZone: string;
  quietHours?: QuietHours | null;
}

export interface NoticeDelivery {
  language: NoticeLanguage;
  timeZone: string;
  /** Now, or the end of the customer's quiet hours. */
  sendAt: Date;
}

export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/**
 * When and in which language a notice goes out. The customer's own choice wins over the region's defaults,
 * field by field (a malformed stored value falls back rather than blocking the notice). Quiet hours are a
 * consent matter: a NORMAL notice waits for their end in the customer's zone; an URGENT one (the customer
 * must act or be at home soon) goes now, since at the end of quiet hours it may be too late to matter.
 */
export function planNoticeDelivery(input: {
  urgency: NoticeUrgency;
  defaults: NoticeDefaults;
  preference: NoticePreference | null;
  now: Date;
}): NoticeDelivery {
  const { urgency, defaults, preference, now } = input;
  const timeZone = preference?.timeZone && isTimeZone(preference.timeZone) ? preference.timeZone : defaults.timeZone;
  const language = noticeLanguage(preference?.language ?? defaults.language);
  const chosen = preference?.quietHours ? parseQuietHours(preference.quietHours, timeZone) : null;
  const quiet = chosen ?? defaults.quietHours ?? null;
  return { language, timeZone, sendAt: urgency === 'URGENT' ? now : nextSendTime(now, quiet) };
}

/** A field of a preference a customer submitted that cannot be kept, with why. */
export interface NoticePreferenceProblem {
  field: 'language' | 'timeZone' | 'quietHours';
  message: string;
}

/**
 * Checks a preference before it is stored: a language notices are written in, an IANA time zone, quiet hours
 * as `HH:MM-HH:MM` (start ≠ end). Null clears a field (the region's default applies again).
 */
export function validateNoticePreference(preference: NoticePreference): NoticePreferenceProblem[] {
  const problems: NoticePreferenceProblem[] = [];
  if (preference.language !== null && !(NOTICE_LANGUAGES as readonly string[]).includes(preference.language))
    problems.push({ field: 'language', message: `Notices are written in ${NOTICE_LANGUAGES.join(', ')}` });
  if (preference.timeZone !== null && !isTimeZone(preference.timeZone)) problems.push({ field: 'timeZone', message: 'Not an IANA time zone' });
  if (preference.quietHours !== null) {
    const window = parseQuietHours(preference.quietHours, 'UTC');
    if (!window || window.startMinute === window.endMinute)
      problems.push({ field: 'quietHours', message: 'Quiet hours are HH:MM-HH:MM, start and end differ' });
  }
  return problems;
}

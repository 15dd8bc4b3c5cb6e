/** ISO 3166-1 alpha-2 codes of the 27 EU member states (Greece as GR; its VAT IDs use EL). */
export const EU_MEMBER_STATES = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
] as const;
export type EuMemberState = (typeof EU_MEMBER_STATES)[number];

export const isEuMemberState = (country: string): country is EuMemberState => (EU_MEMBER_STATES as readonly string[]).includes(country);

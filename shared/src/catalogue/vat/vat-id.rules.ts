/**
 * VAT identification number formats, by the prefix the number carries (Greece uses EL, Northern Ireland XI
 * for goods under the Windsor Framework). Checked before any online query (VIES), which validates only
 * well-formed numbers; from the Commission's VIES format table.
 */
export const VAT_ID_FORMATS = {
  AT: /^ATU\d{8}$/,
  BE: /^BE[01]\d{9}$/,
  BG: /^BG\d{9,10}$/,
  CY: /^CY\d{8}[A-Z]$/,
  CZ: /^CZ\d{8,10}$/,
  DE: /^DE\d{9}$/,
  DK: /^DK\d{8}$/,
  EE: /^EE\d{9}$/,
  EL: /^EL\d{9}$/,
  ES: /^ES(?:[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/,
  FI: /^FI\d{8}$/,
  FR: /^FR[0-9A-HJ-NP-Z]{2}\d{9}$/,
  HR: /^HR\d{11}$/,
  HU: /^HU\d{8}$/,
  IE: /^IE(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/,
  IT: /^IT\d{11}$/,
  LT: /^LT(?:\d{9}|\d{12})$/,
  LU: /^LU\d{8}$/,
  LV: /^LV\d{11}$/,
  MT: /^MT\d{8}$/,
  NL: /^NL\d{9}B\d{2}$/,
  PL: /^PL\d{10}$/,
  PT: /^PT\d{9}$/,
  RO: /^RO[1-9]\d{1,9}$/,
  SE: /^SE\d{10}01$/,
  SI: /^SI[1-9]\d{7}$/,
  SK: /^SK[1-9]\d{9}$/,
  XI: /^XI(?:\d{9}|\d{12}|GD[0-4]\d{2}|HA[5-9]\d{2})$/,
} as const satisfies Record<string, RegExp>;
export type VatIdPrefix = keyof typeof VAT_ID_FORMATS;
export const VAT_ID_PREFIXES = Object.keys(VAT_ID_FORMATS) as VatIdPrefix[];

/** The ISO country of a prefix (EL is Greece); XI stays XI, a territory treated as a member state for goods. */
export const issuingCountryOf = (prefix: VatIdPrefix): string => (prefix === 'EL' ? 'GR' : prefix);

export type VatIdFormatResult = { ok: true; vatId: string; prefix: VatIdPrefix; issuingCountry: string } | { ok: false };

/** Upper-cases and drops the spaces, dots and dashes people type, so one number is stored in one form. */
export const normaliseVatId = (raw: string): string => raw.toUpperCase().replace(/[\s.-]/g, '');

export function checkVatIdFormat(raw: string): VatIdFormatResult {
  const vatId = normaliseVatId(raw);
  const prefix = vatId.slice(0, 2);
  if (!Object.hasOwn(VAT_ID_FORMATS, prefix)) return { ok: false };
  const known = prefix as VatIdPrefix;
  return VAT_ID_FORMATS[known].test(vatId) ? { ok: true, vatId, prefix: known, issuingCountry: issuingCountryOf(known) } : { ok: false };
}

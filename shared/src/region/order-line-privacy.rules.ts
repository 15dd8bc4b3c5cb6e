/**
 * Order lines travel from every region to core and on to every service that reads orders, so they must not
 * carry anyone's personal data (GDPR art. 5(1)(c), PIPL art. 6, PDPA's purpose limitation): a gift note
 * with a name and phone, a contact in an attribute. Personalisation (gift messages, engraving for a person)
 * belongs in the region's own store, next to the customer's other personal data.
 *
 * The rule is about what the text looks like, not whose it is: an e-mail address or a phone number in a
 * line is refused whoever it belongs to.
 */
export type PersonalDataKind = 'EMAIL' | 'PHONE' | 'PERSONAL_ATTRIBUTE';

const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[a-z]{2,}/i;
/** International numbers (+49 151 1234567, 0086 139…), CN mobiles (13912345678), national with separators (030 1234 5678). */
const PHONES = [/(?:\+|\b00)\d[\d\s()./-]{6,}\d/, /(?<!\d)1[3-9]\d{9}(?!\d)/, /(?<![\d.,])0\d{1,4}[\s/-]\d{3,4}[\s-]?\d{3,5}(?![\d.,])/];
/** Attribute names that only ever hold someone's personal data or a personal message. */
const PERSONAL_KEYS =
  /^(?:contact|phone|mobile|tel|telephone|e-?mail|address|recipient|recipientName|customer|customerName|buyer|giftMessage|giftNote|message|note|dedication|engraving)$/i;

export function personalDataIn(text: string): PersonalDataKind | null {
  if (EMAIL.test(text)) return 'EMAIL';
  if (PHONES.some((phone) => phone.test(text))) return 'PHONE';
  return null;
}

export interface LineText {
  name: string;
  attributes?: Record<string, unknown> | null;
}

/** The first field of a line that carries personal data (`name`, `attributes.contact`), or null. */
export function findPersonalDataInLine(line: LineText): { field: string; kind: PersonalDataKind } | null {
  const inName = personalDataIn(line.name);
  if (inName) return { field: 'name', kind: inName };
  for (const [key, value] of Object.entries(line.attributes ?? {})) {
    if (PERSONAL_KEYS.test(key)) return { field: `attributes.${key}`, kind: 'PERSONAL_ATTRIBUTE' };
    const inValue = personalDataIn(`${key} ${String(value)}`);
    if (inValue) return { field: `attributes.${key}`, kind: inValue };
  }
  return null;
}

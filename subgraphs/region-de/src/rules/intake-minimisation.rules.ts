import { ageOn, isIsoDate, type IsoDate } from './calendar.rules.js';
import type { ComplianceViolation } from './compliance-violation.js';

interface LineFacts {
  name: string;
  attributes: Record<string, string | number | boolean>;
}

/** The highest age limit of any line (`attributes.minimumAge`), or null when no line has one. */
export function requiredMinimumAge(lines: readonly LineFacts[]): number | null {
  const limits = lines.map((line) => line.attributes.minimumAge).filter((limit): limit is number => typeof limit === 'number');
  return limits.length > 0 ? Math.max(...limits) : null;
}

const DOB = 'customer.dateOfBirth';

/**
 * The date of birth is collected only when a line carries an age limit (alcohol and tobacco in distance
 * selling, §9, §10 JuSchG); otherwise it is refused, because data not needed must not be collected
 * (GDPR art. 5(1)(c)).
 */
export function checkAgeData(lines: readonly LineFacts[], dateOfBirth: string | undefined, orderDate: IsoDate): ComplianceViolation | null {
  const minimumAge = requiredMinimumAge(lines);
  if (minimumAge === null) {
    return dateOfBirth === undefined
      ? null
      : { field: DOB, rule: 'DATA_NOT_REQUIRED', message: 'No line needs an age check, so the date of birth is not collected' };
  }
  if (dateOfBirth === undefined) return { field: DOB, rule: 'AGE_VERIFICATION_REQUIRED', message: `A line requires the buyer to be at least ${minimumAge}` };
  if (!isIsoDate(dateOfBirth) || dateOfBirth > orderDate) return { field: DOB, rule: 'INVALID_DATE', message: 'dateOfBirth must be a past date (YYYY-MM-DD)' };
  if (ageOn(dateOfBirth, orderDate) < minimumAge)
    return { field: DOB, rule: 'MINIMUM_AGE_NOT_MET', message: `A line requires the buyer to be at least ${minimumAge}` };
  return null;
}

/**
 * Line names and attributes travel to core and to every service that reads orders, so they must not carry
 * the customer's personal data (a gift note with a name, a phone in an attribute); values shorter than four
 * characters are ignored, they match too much by chance.
 */
export function findPersonalDataInLines(lines: readonly LineFacts[], personalValues: readonly (string | undefined)[]): ComplianceViolation | null {
  const needles = personalValues
    .filter((value): value is string => value !== undefined && value.trim().length >= 4)
    .map((value) => value.trim().toLocaleLowerCase('de-DE'));
  for (const [index, line] of lines.entries()) {
    const texts: Array<[string, string]> = [
      [`lines.${index}.name`, line.name],
      ...Object.entries(line.attributes).map(([key, value]): [string, string] => [`lines.${index}.attributes.${key}`, String(value)]),
    ];
    for (const [field, text] of texts) {
      const haystack = text.toLocaleLowerCase('de-DE');
      if (needles.some((needle) => haystack.includes(needle))) {
        return { field, rule: 'PERSONAL_DATA_IN_LINE', message: "Order lines travel beyond region-de and must not contain the customer's personal data" };
      }
    }
  }
  return null;
}

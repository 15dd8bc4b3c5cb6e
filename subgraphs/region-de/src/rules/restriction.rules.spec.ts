import {
  DE_PROCESSING,
  DE_PROCESSING_WHILE_RESTRICTED,
  liftLegalBasis,
  mayProcessWhileRestricted,
  RESTRICTION_GROUND_RULES,
  RESTRICTION_GROUNDS,
  validateLift,
  validateRestrictionRequest,
  type DeProcessing,
  type RestrictionGround,
} from './restriction.rules.js';

describe('restriction grounds', () => {
  it.each<[RestrictionGround, string]>([
    ['ACCURACY_CONTESTED', 'Art. 18(1)(a) GDPR'],
    ['UNLAWFUL_PROCESSING', 'Art. 18(1)(b) GDPR'],
    ['NEEDED_FOR_LEGAL_CLAIMS', 'Art. 18(1)(c) GDPR'],
    ['OBJECTION_PENDING', 'Art. 18(1)(d) GDPR'],
  ])('%s rests on %s', (ground, article) => {
    expect(RESTRICTION_GROUND_RULES[ground].legalBasis.startsWith(article)).toBe(true);
    expect(liftLegalBasis(ground)).toMatch(/^Art\. 18\(3\) GDPR/);
    expect(liftLegalBasis(ground)).toContain(article);
  });

  it('has exactly the four grounds of art. 18(1)', () => {
    expect(RESTRICTION_GROUNDS).toHaveLength(4);
  });
});

describe('what a restriction stops in region-de', () => {
  it.each<[DeProcessing, boolean, string | null]>([
    ['STORAGE', true, 'STORAGE'],
    ['SUBJECT_ACCESS', true, 'CONSENT'],
    ['INVOICING', true, 'PUBLIC_INTEREST'],
    ['TAX_AUDIT', true, 'PUBLIC_INTEREST'],
    ['STAFF_DISCLOSURE', false, null],
    ['PARCEL_NOTICES', false, null],
    ['MARKETING', false, null],
  ])('%s: allowed %s (exception %s)', (processing, allowed, exception) => {
    expect(mayProcessWhileRestricted(processing)).toBe(allowed);
    expect(DE_PROCESSING_WHILE_RESTRICTED[processing].exception).toBe(exception);
  });

  it('decides every processing region-de declares', () => {
    expect(Object.keys(DE_PROCESSING_WHILE_RESTRICTED).sort()).toEqual([...DE_PROCESSING].sort());
  });
});

describe('validateRestrictionRequest', () => {
  it.each<[string, string | null | undefined, string | null]>([
    ['no note', undefined, null],
    ['null note', null, null],
    ['short note', 'Customer says the address is outdated', null],
    ['500 characters', 'x'.repeat(500), null],
    ['501 characters', 'x'.repeat(501), 'note'],
    ['blank padding is not counted', ` ${'x'.repeat(500)} `, null],
  ])('%s', (_label, note, field) => {
    expect(validateRestrictionRequest({ note })?.field ?? null).toBe(field);
  });
});

describe('validateLift', () => {
  const secret = 'Anna Schmidt, Invalidenstraße 116';
  it.each<[string, string, boolean, string | null]>([
    ['informed, with a reason', 'Address verified against the delivery record', true, null],
    ['not informed (art. 18(3))', 'Address verified against the delivery record', false, 'subjectInformed'],
    ['reason too short', 'ok', true, 'reason'],
    ['reason only blanks', '            ', true, 'reason'],
    ['reason too long', 'x'.repeat(501), true, 'reason'],
    ['reason at the limit', 'x'.repeat(500), true, null],
  ])('%s', (_label, reason, subjectInformed, field) => {
    expect(validateLift({ reason, subjectInformed })?.field ?? null).toBe(field);
  });

  it('never quotes what was submitted', () => {
    expect(validateLift({ reason: `${secret} ${'x'.repeat(500)}`, subjectInformed: true })?.message).not.toContain('Anna');
    expect(validateRestrictionRequest({ note: `${secret} ${'x'.repeat(500)}` })?.message).not.toContain('Anna');
  });
});

/** The four cases in which a data subject may have processing restricted (GDPR art. 18(1)(a)-(d)). */
export const RESTRICTION_GROUNDS = ['ACCURACY_CONTESTED', 'UNLAWFUL_PROCESSING', 'NEEDED_FOR_LEGAL_CLAIMS', 'OBJECTION_PENDING'] as const;
export type RestrictionGround = (typeof RESTRICTION_GROUNDS)[number];

export interface GroundRule {
  /** The provision, as written to the privacy log. */
  legalBasis: string;
  /** When the controller may lift it (after informing the subject, art. 18(3)). */
  liftWhen: string;
}

export const RESTRICTION_GROUND_RULES: Record<RestrictionGround, GroundRule> = {
  ACCURACY_CONTESTED: {
    legalBasis: 'Art. 18(1)(a) GDPR: the data subject contests the accuracy of the data, for a period enabling the controller to verify it',
    liftWhen: 'The accuracy has been verified, or the data corrected (art. 16).',
  },
  UNLAWFUL_PROCESSING: {
    legalBasis: 'Art. 18(1)(b) GDPR: the processing is unlawful and the data subject opposes erasure, requesting restriction instead',
    liftWhen: 'The data subject withdraws the request or asks for erasure instead (art. 17).',
  },
  NEEDED_FOR_LEGAL_CLAIMS: {
    legalBasis:
      'Art. 18(1)(c) GDPR: the controller no longer needs the data, but the data subject requires them for the establishment, exercise or defence of legal claims',
    liftWhen: 'The data subject no longer needs the data for the legal claims.',
  },
  OBJECTION_PENDING: {
    legalBasis: "Art. 18(1)(d) GDPR: the data subject objected under art. 21(1), pending verification whether the controller's legitimate grounds override",
    liftWhen: "The verification of the controller's grounds against the objection is complete.",
  },
};

/** What restricted data may still be used for (GDPR art. 18(2)); everything else stops. */
export const ART_18_2_EXCEPTIONS = ['STORAGE', 'CONSENT', 'LEGAL_CLAIMS', 'PROTECTION_OF_OTHERS', 'PUBLIC_INTEREST'] as const;
export type RestrictionException = (typeof ART_18_2_EXCEPTIONS)[number];

/** What region-de does with a German customer's personal data. */
export const DE_PROCESSING = ['STORAGE', 'SUBJECT_ACCESS', 'INVOICING', 'TAX_AUDIT', 'STAFF_DISCLOSURE', 'PARCEL_NOTICES', 'MARKETING'] as const;
export type DeProcessing = (typeof DE_PROCESSING)[number];

export interface ProcessingWhileRestricted {
  /** The art. 18(2) exception that still allows it; null: stopped while restricted. */
  exception: RestrictionException | null;
  why: string;
}

/**
 * Each processing of region-de while a restriction is in force. Invoicing and tax audits go on because the
 * tax law that keeps the data serves an important public interest (art. 18(2) with art. 23(1)(e): taxation),
 * which is also why erased orders' invoice data stays readable to bookkeeping and tax auditors. Staff reads,
 * parcel notices and marketing rest on the contract or consent, which art. 18(2) does not carry on.
 */
export const DE_PROCESSING_WHILE_RESTRICTED: Record<DeProcessing, ProcessingWhileRestricted> = {
  STORAGE: { exception: 'STORAGE', why: 'Art. 18(2) GDPR: the data is kept, unchanged.' },
  SUBJECT_ACCESS: { exception: 'CONSENT', why: 'The data subject reads and exports their own data at their own request (art. 15, 20).' },
  INVOICING: { exception: 'PUBLIC_INTEREST', why: 'Bookkeeping issues and corrects the invoices tax law requires (§14 UStG, §147 AO).' },
  TAX_AUDIT: { exception: 'PUBLIC_INTEREST', why: 'Tax auditors read invoice data (§147(6) AO).' },
  STAFF_DISCLOSURE: { exception: null, why: 'Operators, customer service, the warehouse, carriers and admins no longer see the personal fields.' },
  PARCEL_NOTICES: { exception: null, why: 'Parcel and payment notices are a service no law requires: none is sent.' },
  MARKETING: { exception: null, why: 'No advertising, even on a consent given before the restriction.' },
};

export const mayProcessWhileRestricted = (processing: DeProcessing): boolean => DE_PROCESSING_WHILE_RESTRICTED[processing].exception !== null;

/** The privacy-log basis of lifting: the subject was told first (art. 18(3)), and why the restriction had been in force. */
export const liftLegalBasis = (ground: RestrictionGround): string =>
  `Art. 18(3) GDPR: the data subject was informed before the restriction was lifted; it had been in force under ${RESTRICTION_GROUND_RULES[ground].legalBasis}`;

/** An input to correct, named by its field, with a message that quotes no value. */
export interface RestrictionInputProblem {
  field: string;
  message: string;
}

export const NOTE_MAX_LENGTH = 500;
export const REASON_MIN_LENGTH = 10;
export const REASON_MAX_LENGTH = 500;

/** A note is optional and short: it says what the request was about, never repeats the disputed data. */
export function validateRestrictionRequest(input: { note?: string | null }): RestrictionInputProblem | null {
  const note = input.note?.trim() ?? '';
  if (note.length > NOTE_MAX_LENGTH) return { field: 'note', message: `The note is longer than ${NOTE_MAX_LENGTH} characters` };
  return null;
}

/**
 * A restriction is lifted only after the data subject was told (art. 18(3)), and with a reason the privacy
 * log and a later review can rely on.
 */
export function validateLift(input: { reason: string; subjectInformed: boolean }): RestrictionInputProblem | null {
  const reason = input.reason.trim();
  if (reason.length < REASON_MIN_LENGTH || reason.length > REASON_MAX_LENGTH) {
    return { field: 'reason', message: `The reason must be ${REASON_MIN_LENGTH} to ${REASON_MAX_LENGTH} characters` };
  }
  if (!input.subjectInformed) {
    return { field: 'subjectInformed', message: 'Art. 18(3) GDPR: inform the data subject before the restriction is lifted, then confirm it' };
  }
  return null;
}

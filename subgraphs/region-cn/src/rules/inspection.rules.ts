import { InputValidationError } from '@hub/shared/errors';

/**
 * Why returned goods are not complete, after Interim Measures art. 8–9: broken one-off seals of food,
 * cosmetics, medical devices or family-planning goods; unauthorised repair, damaged certification marks or
 * serial numbers, hard-to-restore wear, activation or personal data left on electronics; removed tags, soiling
 * or damage on clothing, toys and household goods; missing parts or accessories; use beyond what inspection
 * needs. Opening the packaging to inspect is deliberately not a reason (art. 8; Implementing Regulation 2024 art. 19).
 */
export const INCOMPLETE_REASONS = [
  'SEAL_BROKEN',
  'MEDIA_UNSEALED',
  'UNAUTHORISED_REPAIR_OR_ALTERATION',
  'CERTIFICATION_MARK_OR_SERIAL_DAMAGED',
  'HARD_TO_RESTORE_WEAR',
  'ACTIVATED_OR_PERSONAL_DATA_LEFT',
  'TAGS_REMOVED',
  'SOILED_OR_DAMAGED',
  'PARTS_OR_ACCESSORIES_MISSING',
  'USED_BEYOND_INSPECTION',
] as const;
export type IncompleteReason = (typeof INCOMPLETE_REASONS)[number];

export interface InspectedLine {
  lineNo: number;
  complete: boolean;
  reason?: IncompleteReason | null;
  /** Recorded for the file; never a reason to refuse. */
  packagingOpened?: boolean | null;
}

export interface ReturnedLineFacts {
  lineNo: number;
  /** The statutory category declared at purchase, for checks that only make sense for some goods. */
  sealedMedia: boolean;
}

/**
 * Checks a warehouse's findings: every returned line judged exactly once; "incomplete" always with a
 * reason and "complete" never with one; an unsealed medium only for audio-visual goods and software,
 * which the law excludes once the consumer unseals them (CRPL art. 25(1)(3)).
 */
export function assertValidInspection(returned: readonly ReturnedLineFacts[], inspected: readonly InspectedLine[]): void {
  const expected = new Map(returned.map((line) => [line.lineNo, line]));
  const seen = new Set<number>();
  inspected.forEach((line, index) => {
    const facts = expected.get(line.lineNo);
    if (!facts) throw new InputValidationError(`lines.${index}.lineNo`, `Line ${line.lineNo} is not part of this return`);
    if (seen.has(line.lineNo)) throw new InputValidationError(`lines.${index}.lineNo`, `Line ${line.lineNo} is inspected twice`);
    seen.add(line.lineNo);
    if (!line.complete && !line.reason) throw new InputValidationError(`lines.${index}.reason`, 'Say why the goods are not complete');
    if (line.complete && line.reason) throw new InputValidationError(`lines.${index}.reason`, 'Complete goods have no incompleteness reason');
    if (line.reason === 'MEDIA_UNSEALED' && !facts.sealedMedia) {
      throw new InputValidationError(`lines.${index}.reason`, 'Only audio-visual products and software are excluded once unsealed');
    }
  });
  const missing = returned.find((line) => !seen.has(line.lineNo));
  if (missing) throw new InputValidationError('lines', `Line ${missing.lineNo} of this return was not inspected`);
}

import { InputValidationError } from '@hub/shared/errors';

/**
 * The four kinds of goods the law itself excludes from 7-day no-reason returns (CRPL art. 25(1); SAMR
 * Interim Measures art. 6). Audio-visual products and software on a physical medium are excluded only once
 * the consumer has unsealed them; downloaded digital goods always are.
 */
export const STATUTORY_EXCLUSIONS = ['CUSTOM_MADE', 'FRESH_PERISHABLE', 'DIGITAL_DOWNLOAD', 'SEALED_MEDIA', 'NEWSPAPER_PERIODICAL'] as const;

/**
 * Goods that may be excluded only when the consumer confirmed it at purchase (CRPL art. 25(2); Interim
 * Measures art. 7), never by default (Implementing Regulation 2024 art. 19).
 */
export const CONFIRMABLE_EXCLUSIONS = ['UNSEALING_AFFECTS_SAFETY_OR_QUALITY', 'ACTIVATION_OR_TRIAL_DEVALUES', 'DISCLOSED_NEAR_EXPIRY_OR_DEFECT'] as const;

/** Every way a line may be non-returnable; there is no other (Implementing Regulation 2024 art. 19: no widening). */
export const RETURN_EXCLUSIONS = [...STATUTORY_EXCLUSIONS, ...CONFIRMABLE_EXCLUSIONS] as const;

export type StatutoryExclusion = (typeof STATUTORY_EXCLUSIONS)[number];
export type ConfirmableExclusion = (typeof CONFIRMABLE_EXCLUSIONS)[number];
export type ReturnExclusion = (typeof RETURN_EXCLUSIONS)[number];

/** What the shop declared for one line at purchase; no exclusion means the line is returnable. */
export interface ReturnPolicyDeclaration {
  exclusion?: ReturnExclusion | null;
  customerConfirmed?: boolean | null;
}

export function isConfirmable(exclusion: ReturnExclusion): exclusion is ConfirmableExclusion {
  return (CONFIRMABLE_EXCLUSIONS as readonly string[]).includes(exclusion);
}

/** Attribute names a shop might use to mark goods non-returnable behind the declaration's back. */
const RETURN_FLAG_ATTRIBUTE = /^(non[-_]?)?returnable$|^no[-_]?returns?$|^return[-_]?(policy|able)$/i;

/**
 * Refuses a declaration that would exclude goods the law does not let the shop exclude: a confirmable
 * category without the consumer's explicit confirmation (Interim Measures art. 7; Implementing Regulation
 * 2024 art. 19), or a confirmation with nothing to confirm. `field` is where the declaration sits in the input.
 */
export function assertValidReturnDeclaration(field: string, declaration: ReturnPolicyDeclaration | null | undefined): void {
  const exclusion = declaration?.exclusion ?? null;
  const confirmed = declaration?.customerConfirmed ?? null;
  if (exclusion === null) {
    if (confirmed !== null) throw new InputValidationError(`${field}.customerConfirmed`, 'There is no exclusion for the customer to confirm');
    return;
  }
  if (isConfirmable(exclusion) && confirmed !== true) {
    throw new InputValidationError(`${field}.customerConfirmed`, `${exclusion} excludes a return only when the customer confirmed it at purchase`);
  }
}

/** Returnability is declared only through the return-policy declaration, so no category outside the law can slip in as an attribute (Implementing Regulation
 * 2024 art. 19). */
export function assertNoReturnFlagInAttributes(lineIndex: number, attributes: Record<string, unknown> = {}): void {
  const flag = Object.keys(attributes).find((key) => RETURN_FLAG_ATTRIBUTE.test(key));
  if (flag) throw new InputValidationError(`lines.${lineIndex}.attributes.${flag}`, 'Returnability is declared in returnPolicies, never in attributes');
}

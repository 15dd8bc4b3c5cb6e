import { InputValidationError } from '@hub/shared/errors';
import type { ReturnExclusion } from './return-policy.rules.js';
import { isConfirmable } from './return-policy.rules.js';
import { windowStateAt, type ReturnWindow } from './return-window.rules.js';

export const ELIGIBILITY_REASONS = [
  'ELIGIBLE',
  'ELIGIBLE_WHILE_SEALED',
  'WINDOW_NOT_STARTED',
  'WINDOW_EXPIRED',
  'EXCLUDED_CUSTOM_MADE',
  'EXCLUDED_FRESH_PERISHABLE',
  'EXCLUDED_DIGITAL_DOWNLOAD',
  'EXCLUDED_NEWSPAPER_PERIODICAL',
  'EXCLUDED_UNSEALING_AFFECTS_SAFETY_OR_QUALITY',
  'EXCLUDED_ACTIVATION_OR_TRIAL_DEVALUES',
  'EXCLUDED_DISCLOSED_NEAR_EXPIRY_OR_DEFECT',
  'RETURN_IN_PROGRESS',
  'ALREADY_RETURNED',
  'QUANTITY_EXCEEDS_RETURNABLE',
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];

/** One order line as the return rules see it. */
export interface LineReturnFacts {
  lineNo: number;
  quantity: number;
  exclusion: ReturnExclusion | null;
  customerConfirmed: boolean;
  /** Units already in an open or refunded return. */
  claimedQuantity: number;
}

export interface EligibilityContext {
  /** Null until the customer has signed for the goods. */
  window: ReturnWindow | null;
  /** When the customer asks (or would ask). */
  at: Date;
  /** Another return of this order is open; the order's status follows one return at a time. */
  returnInProgress: boolean;
}

export interface LineVerdict {
  lineNo: number;
  eligible: boolean;
  reason: EligibilityReason;
  returnableQuantity: number;
  deadline: Date | null;
  lastDay: string | null;
}

/**
 * Whether each line may be returned without reason now, and how many units. Exclusions come first because
 * they never change; a confirmable category counts only with the customer's confirmation, since without it
 * the shop may not refuse (Implementing Regulation 2024 art. 19).
 */
export function assessReturnEligibility(lines: readonly LineReturnFacts[], context: EligibilityContext): LineVerdict[] {
  const windowState = windowStateAt(context.window, context.at);
  return lines.map((line) => {
    const reason = reasonFor(line, windowState, context.returnInProgress);
    const eligible = reason === 'ELIGIBLE' || reason === 'ELIGIBLE_WHILE_SEALED';
    return {
      lineNo: line.lineNo,
      eligible,
      reason,
      returnableQuantity: eligible ? line.quantity - line.claimedQuantity : 0,
      deadline: context.window?.closesBefore ?? null,
      lastDay: context.window?.lastDay ?? null,
    };
  });
}

function reasonFor(line: LineReturnFacts, windowState: ReturnType<typeof windowStateAt>, returnInProgress: boolean): EligibilityReason {
  const exclusion = line.exclusion;
  if (exclusion && exclusion !== 'SEALED_MEDIA' && (!isConfirmable(exclusion) || line.customerConfirmed)) return `EXCLUDED_${exclusion}`;
  if (windowState === 'NOT_STARTED') return 'WINDOW_NOT_STARTED';
  if (windowState === 'EXPIRED') return 'WINDOW_EXPIRED';
  if (returnInProgress) return 'RETURN_IN_PROGRESS';
  if (line.claimedQuantity >= line.quantity) return 'ALREADY_RETURNED';
  // Audio-visual products and software stay returnable until the consumer unseals them (CRPL art. 25(1)(3)); inspection decides.
  return exclusion === 'SEALED_MEDIA' ? 'ELIGIBLE_WHILE_SEALED' : 'ELIGIBLE';
}

export interface RequestedLine {
  lineNo: number;
  quantity: number;
}

export type ReturnRequestCheck = { accepted: true } | { accepted: false; lineNo: number; reason: EligibilityReason; returnableQuantity: number };

/** Checks a request for some lines and quantities (partial returns) against the verdicts; a malformed request is a client bug. */
export function checkReturnRequest(verdicts: readonly LineVerdict[], requested: readonly RequestedLine[]): ReturnRequestCheck {
  const byLine = new Map(verdicts.map((verdict) => [verdict.lineNo, verdict]));
  const seen = new Set<number>();
  if (requested.length === 0) throw new InputValidationError('lines', 'Name at least one line to return');
  requested.forEach((line, index) => {
    if (!byLine.has(line.lineNo)) throw new InputValidationError(`lines.${index}.lineNo`, `The order has no line ${line.lineNo}`);
    if (seen.has(line.lineNo)) throw new InputValidationError(`lines.${index}.lineNo`, `Line ${line.lineNo} is named twice`);
    seen.add(line.lineNo);
  });
  for (const line of requested) {
    const verdict = byLine.get(line.lineNo)!;
    if (!verdict.eligible) return { accepted: false, lineNo: line.lineNo, reason: verdict.reason, returnableQuantity: 0 };
    if (line.quantity > verdict.returnableQuantity) {
      return { accepted: false, lineNo: line.lineNo, reason: 'QUANTITY_EXCEEDS_RETURNABLE', returnableQuantity: verdict.returnableQuantity };
    }
  }
  return { accepted: true };
}

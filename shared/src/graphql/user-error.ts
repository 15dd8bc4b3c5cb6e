import { Directive, Field, ObjectType, registerEnumType } from 'type-graphql';
import { DomainError, type ErrorCode } from '../errors.js';

/**
 * Every refusal a caller can act on, across the whole graph. One list, owned here, because an enum shared by
 * subgraphs must be declared identically by each of them; a subgraph that needs a new refusal adds it here.
 */
export const USER_ERROR_CODES = {
  INVALID: 'A value breaks a rule of its own (format, range, a line that does not exist); `field` names it.',
  NOT_FOUND: 'What the input names does not exist, or is not visible to the caller.',
  CONFLICT:
    'The request contradicts what happened meanwhile (a stale `expectedVersion`, an idempotency key reused for another request, a duplicate); reload and decide again.',
  INVALID_STATUS_TRANSITION: 'The current status of the order (or of the return) does not allow this step.',
  RETURN_NOT_ELIGIBLE: 'A line cannot be returned as asked; the payload says which line and why.',
  PICKUP_SLOT_UNAVAILABLE: 'The pickup slot is full or has already started; the payload names it: pick another.',
  AGE_VERIFICATION_REQUIRED: 'An age-restricted line needs a verified date of birth.',
  MINIMUM_AGE_NOT_MET: 'The customer is younger than an age-restricted line allows.',
  DATA_NOT_REQUIRED: 'Personal data was sent that this order does not need (data minimisation); leave it out.',
  PERSONAL_DATA_IN_LINE: 'An order line carries personal data; it belongs in the customer or address input.',
  DISPATCH_COUNTRY_UNSUPPORTED: 'The shop does not ship to or from that country.',
  CONSOLIDATION_WINDOW_BEYOND_PROMISE:
    'A consolidated delivery would wait past the last dispatch that keeps the promised date; `field` names the window: choose an earlier end.',
  SHIPMENT_HELD_FOR_CONSOLIDATION: 'The shipment waits for the customer’s other orders (low-carbon delivery); it is picked once its consignment is released.',
  INVALID_DATE: 'A date is not a real calendar date or lies outside the allowed range.',
  OUTSIDE_EU_VAT_AREA: 'The destination lies outside the EU VAT area (e.g. the Canary Islands), which this shop does not serve.',
  POSTAL_CODE_FORMAT: "The postal code does not have the destination country's format.",
  VAT_AMOUNT_MISMATCH: "A line's tax differs from the VAT the rules compute for it.",
  VAT_ID_FORMAT: "The VAT identification number does not have its member state's format.",
  VAT_ID_INVALID: 'The tax authority reports the VAT identification number as not valid.',
  VAT_ID_NOT_FROM_OTHER_MEMBER_STATE: 'A reverse-charge VAT identification number must come from another EU member state.',
  PHONE_INVALID: 'The phone number is not a valid number of the destination country.',
  COD_LIMIT_EXCEEDED: 'The order total is above the cash-on-delivery limit of the destination country.',
  COD_AMOUNT_MISMATCH: 'The cash reported does not equal the total due on delivery.',
  NOT_CASH_ON_DELIVERY: 'The order is not paid cash on delivery.',
  COD_ALREADY_COLLECTED: 'The cash for this order was already collected.',
  DELIVERY_REFUSED: 'The parcel was already refused at the door.',
  NOT_OUT_FOR_DELIVERY: 'The order is not out for delivery.',
  NEGATIVE_STOCK: 'The change would leave less than zero units on hand.',
  RESERVED_STOCK: 'The change would leave fewer units on hand than are reserved for orders.',
  INSUFFICIENT_STOCK: 'The source does not have that many units free.',
  UNKNOWN_SKU: 'The catalogue does not know this SKU.',
  NODE_ALREADY_IN_STATUS: 'The node already has this status (for example, marked down twice).',
  WEIGHT_OUT_OF_RANGE: 'An allocation weight is outside its allowed range, or no criterion carries weight.',
  RETURN_CLASS_NOT_ALLOWED: "The product's category cannot carry that CN return exclusion (the statutory list may not be widened).",
  INVALID_PRICE: 'An amount is negative, fractional or implausibly large; amounts are whole minor units.',
  ZERO_PRICE_NOT_ALLOWED: 'A zero price is accepted only on an entry the price list marks free.',
  PRICE_LIST_OVERLAP: 'Another price list of the same region, channel and currency is in force during that period.',
  SKU_RETIRED: 'The product is no longer sold.',
  PRICE_NOT_FOUND: 'No price list in force prices this line for the region, channel and currency.',
  PRICE_DIFFERS: "A price the client sent differs from the catalogue's price for the line.",
  VAT_NOT_DETERMINED: 'No VAT regime or rate applies to this destination and date.',
  TASK_NOT_ASSIGNEE: 'Only the person the task is assigned to may acknowledge it.',
  TASK_CLOSED: 'The task is already resolved; a new problem opens a new task.',
  RULE_SYNTAX_ERROR: "An order rule's expression does not parse; the message gives line and column.",
  RULE_TYPE_ERROR: 'An order rule names a field the order context does not declare, or mixes types; the message gives line and column.',
  RULE_LIMIT_EXCEEDED: 'An order rule or version is larger or may cost more to evaluate than allowed.',
  RULE_MODULE_NOT_ALLOWED: 'An order rule reads what its module may not (a validation rule reading the pricing outcome, which is decided after it).',
  RULE_VERSION_OVERLAP: 'Another version of the rule set is in force during that period; supersede it explicitly or pick another period.',
  APPROVER_IS_AUTHOR: 'A rule version is approved by someone other than its author (four-eyes).',
  ORDER_RULE_REFUSED: "An order rule in force refuses this order; the message is the rule's own (e.g. a compliance check).",
  RULE_EVALUATION_FAILED:
    'An order rule in force could not be evaluated for this order, so the order is refused rather than let through unchecked; an operator has to correct the rule.',
  ALREADY_APPROVED: 'This person already approved this version; a high-impact version needs a second, different approver.',
  POINTS_NOT_ACCEPTED: 'No points rule in force lets this order be paid with points.',
  POINTS_ABOVE_CAP: 'More points were asked for than the points rule lets this order spend; the message gives the maximum.',
  POINTS_INSUFFICIENT: "The customer's points balance does not cover the points asked for (another order may have just spent them).",
  PRESALE_TERMS_INVALID:
    'A presale rule in force sets a deposit without usable terms (no future final-payment window, or an expansion below the deposit); an operator has to correct it.',
  NOT_A_PRESALE: 'The order was not placed in a presale, so it has no final payment.',
  FINAL_PAYMENT_NOT_OPEN: "The presale's final-payment window has not opened yet; the message gives when it opens.",
  FINAL_PAYMENT_CLOSED: "The presale's final-payment window has closed; the message gives when.",
  SAVED_ADDRESS_LIMIT_REACHED: 'The customer has saved as many addresses as allowed; one has to be forgotten before another is saved.',
} as const;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;
export const UserErrorCodeEnum = Object.fromEntries(Object.keys(USER_ERROR_CODES).map((code) => [code, code])) as { [C in UserErrorCode]: C };
registerEnumType(UserErrorCodeEnum, {
  name: 'UserErrorCode',
  description: 'Why a mutation was refused, as a stable code a client can switch on.',
  valuesConfig: Object.fromEntries(Object.entries(USER_ERROR_CODES).map(([code, description]) => [code, { description }])),
});

/** An expected refusal: a value in the payload, so code generators see it and the rest of the response survives. */
@Directive('@shareable')
@ObjectType('UserError', { description: 'Why a mutation was refused: a stable code, the input field at fault, and a message for people.' })
export class UserError {
  @Field(() => UserErrorCodeEnum, { description: 'What went wrong, as a stable code.' })
  code!: UserErrorCode;

  @Field(() => [String], {
    nullable: true,
    description: 'Path to the input field at fault, from the argument name (["input", "lines", "0", "quantity"]); null when no single field is.',
  })
  field!: string[] | null;

  @Field(() => String, { description: 'What went wrong and how to fix it, in English; never quotes a submitted value.' })
  message!: string;
}

/** What every `<MutationName>Payload` has; its result fields are nullable and null when `userErrors` is not empty. */
@ObjectType('MutationPayload', { description: 'What every mutation payload has.' })
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Why the mutation was refused; empty when it succeeded. Nothing was changed when it is not empty.' })
  userErrors!: UserError[];
}

/** Domain error codes the caller caused and can act on; the rest (FORBIDDEN, SERVICE_UNAVAILABLE…) stay top-level errors. */
const CALLER_CAUSED: Partial<Record<ErrorCode, UserErrorCode>> = {
  BAD_USER_INPUT: 'INVALID',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  INVALID_STATUS_TRANSITION: 'INVALID_STATUS_TRANSITION',
};

/**
 * The refusal a domain error stands for, or undefined when the caller did not cause it. A rule code in the
 * error's details (`rule`) becomes the user error's code when it is one of ours, so clients switch on the rule.
 */
export function toUserError(error: unknown, argument = 'input'): UserError | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const general = CALLER_CAUSED[error.code];
  if (!general) return undefined;
  const rule = error.details.rule;
  const code = typeof rule === 'string' && rule in USER_ERROR_CODES ? (rule as UserErrorCode) : general;
  const field = typeof error.details.field === 'string' ? fieldPath(error.details.field, argument) : null;
  return { code, field, message: error.message };
}

/**
 * Every refusal a domain error stands for: the error itself, or each problem it lists in `details.problems`
 * (`{ field, rule, message }`, e.g. every bad line of a cart), so a client fixes them all in one round.
 */
export function toUserErrors(error: unknown, argument = 'input'): UserError[] | undefined {
  const first = toUserError(error, argument);
  if (!first || !(error instanceof DomainError)) return undefined;
  const listed = error.details.problems;
  if (!Array.isArray(listed) || listed.length === 0) return [first];
  return listed.map((listedProblem: { field?: unknown; rule?: unknown; message?: unknown }) => {
    const { field, rule, message } = listedProblem;
    return toUserError(new DomainError(error.code, typeof message === 'string' ? message : first.message, { field, rule }), argument)!;
  });
}

/** "lines.0.quantity" of the `input` argument → ["input", "lines", "0", "quantity"]. */
export function fieldPath(field: string, argument?: string): string[] {
  const parts = field.split('.').filter(Boolean);
  return argument && parts[0] !== argument ? [argument, ...parts] : parts;
}

/** The deprecation reason of a mutation that still refuses with top-level errors, naming its payload successor. */
export function replacedByPayloadMutation(mutation: string): string {
  return `Use \`${mutation}\`: it answers refusals in \`userErrors\` instead of failing the whole response.`;
}

/**
 * Runs a mutation and turns the refusals its caller can act on into `userErrors`; anything else (not allowed,
 * a service down, a bug) is thrown on as before. `argument` is the name `field` paths start from. A result
 * may carry its own `userErrors` (a refusal the domain answers as a value rather than an error).
 */
export async function withUserErrors<T extends object>(run: () => Promise<T>, argument = 'input'): Promise<Partial<T> & { userErrors: UserError[] }> {
  try {
    return { userErrors: [], ...(await run()) };
  } catch (error) {
    const userErrors = toUserErrors(error, argument);
    if (!userErrors) throw error;
    return { userErrors } as Partial<T> & { userErrors: UserError[] };
  }
}

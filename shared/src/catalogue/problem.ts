import type { UserErrorCode } from '../graphql/user-error.js';

/**
 * A reason a catalogue input is refused: the field (or row and field) to correct, a stable code and a message that
 * quotes no submitted value. Pure rules return these; the GraphQL layer turns them into `userErrors`.
 */
export interface CatalogueProblem {
  field: string[];
  code: CatalogueProblemCode;
  message: string;
}

/** A subset of the graph's `UserErrorCode`s (shared/graphql/user-error), so a problem becomes a user error as it is. */
export const CATALOGUE_PROBLEM_CODES = [
  'INVALID',
  'NOT_FOUND',
  'CONFLICT',
  'RETURN_CLASS_NOT_ALLOWED',
  'INVALID_PRICE',
  'ZERO_PRICE_NOT_ALLOWED',
  'PRICE_LIST_OVERLAP',
  'UNKNOWN_SKU',
  'SKU_RETIRED',
  'PRICE_NOT_FOUND',
  'VAT_NOT_DETERMINED',
  'PRICE_DIFFERS',
  'VAT_AMOUNT_MISMATCH',
] as const satisfies readonly UserErrorCode[];
export type CatalogueProblemCode = (typeof CATALOGUE_PROBLEM_CODES)[number];

export const problem = (field: string | string[], code: CatalogueProblemCode, message: string): CatalogueProblem => ({
  field: Array.isArray(field) ? field : field.split('.'),
  code,
  message,
});

/** Prefixes every problem's field path, e.g. with the row of an import or the line of a cart. */
export const within = (prefix: Array<string | number>, problems: readonly CatalogueProblem[]): CatalogueProblem[] =>
  problems.map((p) => ({ ...p, field: [...prefix.map(String), ...p.field] }));

import type { CatalogueProblem } from '@hub/shared/catalogue/problem';
import { fieldPath, type UserError } from '@hub/shared/graphql/user-error';

/** Catalogue problems as the graph's user errors, fields rooted at the argument they came in (`input` by default). */
export const userErrorsOf = (problems: readonly CatalogueProblem[], argument = 'input'): UserError[] =>
  problems.map(({ code, field, message }) => ({ code, field: field.length > 0 ? fieldPath(field.join('.'), argument) : null, message }));

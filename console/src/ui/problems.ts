import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

/** What a person is told about a failed request: refusals by the API are named as such, never hidden. */
export interface Problem {
  kind: 'refused' | 'unauthenticated' | 'unavailable' | 'invalid' | 'failed';
  title: string;
  detail?: string;
  /** The field path of a GraphQL error, when the failure belongs to one part of the answer. */
  path?: ReadonlyArray<string | number>;
}

const TITLES: Record<Problem['kind'], string> = {
  refused: 'Your role may not see or do this',
  unauthenticated: 'Your login has expired: log in again',
  unavailable: 'A service is not answering right now',
  invalid: 'The input was not accepted',
  failed: 'The request failed',
};

function kindOf(code: unknown): Problem['kind'] {
  if (code === 'FORBIDDEN') return 'refused';
  if (code === 'UNAUTHENTICATED') return 'unauthenticated';
  if (code === 'SERVICE_UNAVAILABLE') return 'unavailable';
  if (code === 'BAD_USER_INPUT') return 'invalid';
  return 'failed';
}

/** One GraphQL error, from the gateway or from another GraphQL endpoint (the live tracking stream). */
export function problemOfGraphQLError(error: {
  message: string;
  extensions?: Record<string, unknown> | undefined;
  path?: ReadonlyArray<string | number> | undefined;
}): Problem {
  const kind = kindOf(error.extensions?.code);
  return { kind, title: TITLES[kind], detail: error.message, ...(error.path ? { path: error.path } : {}) };
}

/** Every problem carried by an Apollo error (a GraphQL error per failing field, or one for the transport). */
export function problemsOf(error: unknown): Problem[] {
  if (!error) return [];
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors.map(problemOfGraphQLError);
  }
  if (ServerError.is(error)) {
    const kind = error.statusCode === 401 ? 'unauthenticated' : error.statusCode === 403 ? 'refused' : error.statusCode >= 500 ? 'unavailable' : 'failed';
    return [{ kind, title: TITLES[kind], detail: `HTTP ${error.statusCode}` }];
  }
  return [{ kind: 'unavailable', title: TITLES.unavailable, detail: error instanceof Error ? error.message : String(error) }];
}

/** Problems whose path starts with `prefix` (e.g. the regional part of one order). */
export function problemsAt(error: unknown, prefix: ReadonlyArray<string | number>): Problem[] {
  return problemsOf(error).filter((problem) => problem.path && prefix.every((part, i) => problem.path![i] === part));
}

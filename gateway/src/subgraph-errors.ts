import { GraphQLError } from 'graphql';
import type { SubgraphReply } from './subgraph-http.js';

/**
 * A subgraph's refusal of the caller's input keeps its own code and message, so the client sees BAD_USER_INPUT, not
 * an internal error; any other failure of the subgraph becomes SERVICE_UNAVAILABLE on its part of the answer.
 */
export function errorOfReply(name: string, reply: SubgraphReply): GraphQLError {
  const body = bodyOf(reply) as { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> } | undefined;
  const first = Array.isArray(body?.errors) ? body.errors[0] : undefined;
  if (reply.status < 500 && typeof first?.message === 'string' && typeof first.extensions?.code === 'string') {
    return new GraphQLError(first.message, { extensions: first.extensions });
  }
  if (reply.status === 401) return new GraphQLError('A valid bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } });
  if (reply.status === 403) return new GraphQLError('Not allowed for this caller', { extensions: { code: 'FORBIDDEN' } });
  return unavailable(name, `answered ${reply.status}`);
}

/** A call that ended without an answer: the subgraph's deadline passed, or it could not be reached. */
export function errorOfFailedCall(name: string, timeoutMs: number, error: unknown): GraphQLError {
  const timedOut = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
  return unavailable(name, timedOut ? `did not answer within ${timeoutMs} ms` : 'is not reachable');
}

/** The parsed body, or undefined when it is not JSON: as Apollo's own data source, only a JSON content type is parsed. */
export function bodyOf(reply: SubgraphReply): unknown {
  const type = reply.headers['content-type'];
  if (!type || !(type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))) return undefined;
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    return undefined;
  }
}

export function unavailable(name: string, what: string): GraphQLError {
  return new GraphQLError(`The ${name} service ${what}; retry later`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', service: name, retryable: true },
  });
}

import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { OPERATION_LIMIT_CODES } from '@hub/shared/server/operation-limits';

/** Failures of the document or its variables; a malformed request (no query, a number for a query) stays 400. */
const DOCUMENT_FAILURES = new Set<unknown>(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', ...Object.values(OPERATION_LIMIT_CODES)]);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` (the legacy media type) gets 200 for a
 * well-formed request whose document fails to parse, validate or coerce its variables, and reads the errors
 * from the body; `application/graphql-response+json` clients get 400, as Apollo Server answers by default.
 * Refusals that are not about the document (401, 429) keep their status either way.
 */
export function legacyJsonStatusPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept') ?? '';
      const legacy = !accept.includes('application/graphql-response+json');
      return {
        async willSendResponse({ response }) {
          if (
            legacy &&
            response.http.status === 400 &&
            response.body.kind === 'single' &&
            response.body.singleResult.errors?.every((error) => DOCUMENT_FAILURES.has(error.extensions?.code))
          ) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}

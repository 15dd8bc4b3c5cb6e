import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { DomainError, ERROR_CODES } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Codes that are safe to pass through: GraphQL's own for malformed requests, and ours, which the gateway
 * receives from subgraphs and hands on unchanged.
 */
const PASS_THROUGH_CODES = new Set<string>([
  ...ERROR_CODES, 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST',
]);

/**
 * The single place where errors become responses: domain errors keep their code and safe details,
 * validation errors name every failing field, and anything unexpected is logged and reported as
 * INTERNAL_SERVER_ERROR without its message, so SQL, stack traces and personal data never reach a client.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    if (original instanceof ArgumentValidationError) {
      const fields = flattenValidationErrors(original.extensions.validationErrors as ValidationError[]);
      return {
        ...base,
        message: `Invalid input: ${fields.map((f) => f.field).join(', ')}`,
        extensions: { code: 'BAD_USER_INPUT', field: fields[0]?.field, fields },
      };
    }
    if (original instanceof AuthorizationError) {
      return { ...base, message: 'Not allowed for this role', extensions: { code: 'FORBIDDEN' } };
    }
    if (original instanceof AuthenticationError) {
      return { ...base, message: 'A valid bearer token is required', extensions: { code: 'UNAUTHENTICATED' } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      const variableError = describeVariableError(formatted.message);
      return variableError
        ? { ...formatted, message: variableError.message, extensions: { ...extensions, code: 'BAD_USER_INPUT', ...(variableError.field ? { field: variableError.field } : {}) } }
        : { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/** Nested class-validator errors as dotted paths ("lines.0.quantity") with their violated constraints. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): Array<{ field: string; constraints: string[] }> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: Object.keys(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * graphql-js quotes the submitted value when a variable does not fit its type ("Variable "$input" got
 * invalid value { name: … }"), which would echo a customer's personal data. Keeps the variable, the path
 * and the reason; drops every value.
 */
export function describeVariableError(message: string): { message: string; field?: string } | undefined {
  const variable = /^Variable "\$([^"]+)" got invalid value/.exec(message);
  if (!variable) return undefined;
  const path = /; |\bat "([^"]+)"/.exec(message.slice(variable[0].length))?.[1];
  const field = path?.replace(/^[^.[]+\.?/, '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
  const reason = message.slice(message.lastIndexOf('; ') + 2)
    // Field and type names stay (they come from the schema); any other quoted text may be a submitted value.
    .replace(/Field "[^"]*"|"[^"]*"/g, (quoted) => (/^(Field "|"[A-Z][\w!\[\]]*"$)/.test(quoted) ? quoted : '…'))
    .replace(/:\s.*$/s, '');
  return { message: `Variable "$${variable[1]}" has an invalid value${path ? ` at "${path}"` : ''}: ${reason}`, ...(field ? { field } : {}) };
}

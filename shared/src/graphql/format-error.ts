import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError, AuthenticationError, AuthorizationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { DomainError, ERROR_CODES } from '../errors.js';
import type { Logger } from '../logger.js';
import { OPERATION_LIMIT_CODES, operationLimitCodeOf } from '../server/operation-limits.js';

/**
 * Codes that are safe to pass through: GraphQL's own for malformed requests, and ours, which the gateway
 * receives from subgraphs and hands on unchanged.
 */
const PASS_THROUGH_CODES = new Set<string>([
  ...ERROR_CODES,
  ...Object.values(OPERATION_LIMIT_CODES),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/** Extensions libraries attach that name internals (stacks, subgraph responses and URLs); never passed on. */
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception', 'response', 'http', 'url']);

/**
 * PostgreSQL's own refusals of a value (not a uuid, NUL byte, out of range) mean the caller sent
 * something malformed that slipped past the schema: a client error, whatever resolver let it through.
 */
const INPUT_SQLSTATES = new Map([
  ['22P02', 'A value is malformed (for example an id that is not a UUID)'],
  ['22021', 'Text contains bytes that are not valid UTF-8'],
  ['22003', 'A number is out of range'],
  ['22001', 'A text value is too long'],
  ['22007', 'A date or time is malformed'],
  ['22008', 'A date or time is out of range'],
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
    const sqlState = sqlStateOf(original);
    if (sqlState && INPUT_SQLSTATES.has(sqlState)) {
      const field = typeof formatted.path?.at(-1) === 'string' ? formatted.path.at(-1) : undefined;
      return { ...base, message: INPUT_SQLSTATES.get(sqlState)!, extensions: { code: 'BAD_USER_INPUT', ...(field ? { field } : {}) } };
    }
    const code = formatted.extensions?.code;
    const limitCode = code === 'GRAPHQL_VALIDATION_FAILED' ? operationLimitCodeOf(formatted.extensions) : undefined;
    if (limitCode) return { ...base, message: formatted.message, extensions: { code: limitCode, limit: formatted.extensions!.limit } };
    if (code === 'GRAPHQL_PARSE_FAILED') {
      const tokens = /Document contains more th(?:at|an) (\d+) tokens/.exec(formatted.message);
      if (tokens)
        return {
          ...base,
          message: `The operation exceeds the tokens limit of ${tokens[1]}`,
          extensions: { code: OPERATION_LIMIT_CODES.tokens, limit: { name: 'tokens', max: Number(tokens[1]) } },
        };
    }
    if (typeof code === 'string' && PASS_THROUGH_CODES.has(code)) {
      const extensions = Object.fromEntries(Object.entries(formatted.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.has(key)));
      const variableError = describeVariableError(formatted.message);
      return variableError
        ? {
            ...formatted,
            message: variableError.message,
            extensions: { ...extensions, code: 'BAD_USER_INPUT', ...(variableError.field ? { field: variableError.field } : {}) },
          }
        : { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

function sqlStateOf(error: unknown): string | undefined {
  for (
    let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    current && depth < 4;
    current = current.cause as typeof current, depth += 1
  ) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current.code;
  }
  return undefined;
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
  const field = path
    ?.replace(/^[^.[]+\.?/, '')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^\./, '');
  const reason = message
    .slice(message.lastIndexOf('; ') + 2)
    // Field and type names stay (they come from the schema); any other quoted text may be a submitted value.
    .replace(/Field "[^"]*"|"[^"]*"/g, (quoted) => (/^(Field "|"[A-Z][\w![\]]*"$)/.test(quoted) ? quoted : '…'))
    .replace(/:\s.*$/s, '');
  return { message: `Variable "$${variable[1]}" has an invalid value${path ? ` at "${path}"` : ''}: ${reason}`, ...(field ? { field } : {}) };
}

import { pino, type Logger } from 'pino';
import { activeTraceIds } from './telemetry/trace-context.js';

export type { Logger };

/**
 * Keys that may hold personal data anywhere in a logged object. Redaction is the last line of defence:
 * code should not log such values at all, but a mistake must not put a customer's data in the logs.
 */
const PERSONAL_DATA_KEYS = [
  'name',
  'firstName',
  'lastName',
  'fullName',
  'email',
  'phone',
  'address',
  'shippingAddress',
  'billingAddress',
  'street',
  'line1',
  'line2',
  'postalCode',
  'dateOfBirth',
  'vatId',
  'customer',
  'authorization',
  'token',
];

/** A service's JSON logger; `destination` (stdout by default) lets tests read the lines. */
export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  const paths = PERSONAL_DATA_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `req.headers.${key}`]);
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    redact: { paths, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    serializers: { err: serializeError },
    // A line written inside traced work names its trace and span, so one placement's lines can be found in every service.
    mixin: activeTraceIds,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Errors are logged by name, code and stack frames only: driver messages can quote the values of a row
 * (for example a unique violation on an e-mail column), which would put personal data in the logs.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .slice(1)
    .map((line) => line.trim());
  return { type: error.name, code: (error as { code?: unknown }).code, stack: frames };
}

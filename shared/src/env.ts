import { z } from 'zod';
import { metricsEnvShape } from './server/metrics-access.js';
import { operationLimitsEnvShape } from './server/operation-limits.js';
import { tracingEnvShape } from './telemetry/tracing-settings.js';

/** Settings every service reads; each has a working local default so `npm start` needs no setup. */
export const baseEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z.string().url().default('postgres://postgres@127.0.0.1:5432/order_hub'),
  /**
   * Most connections the service holds to PostgreSQL (each of its pools). Every service and replica draws on the
   * server's one `max_connections`: size these so their sum stays under it. Unset: the service's own default.
   */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).optional(),
  NATS_URL: z.string().default('nats://127.0.0.1:4222'),
  /** NATS identity: a user with its password in a file, or a `.creds` file; and the CA that signs the server's TLS certificate. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD_FILE: z.string().optional(),
  NATS_CREDENTIALS_FILE: z.string().optional(),
  NATS_TLS_CA_FILE: z.string().optional(),
  /** Prefix of every subject, stream and consumer, so several hubs (or test runs) can share one NATS server. */
  NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .default('hub'),
  /**
   * The JetStream domain of the centre's servers (`jetstream { domain }`), for a service connected to a leaf node:
   * across a leaf link JetStream answers only in its domain. Unset: the server's own JetStream, as without leaves.
   */
  NATS_JS_DOMAIN: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  JWT_SECRET: z.string().min(32).default('development-only-secret-change-me-0123456789'),
  JWT_ISSUER: z.string().default('order-hub'),
  JWT_AUDIENCE: z.string().default('order-hub'),
  /** Longest token lifetime accepted (`exp` − `iat`), in seconds. */
  JWT_MAX_LIFETIME_S: z.coerce
    .number()
    .int()
    .min(60)
    .default(24 * 3600),
  /** Clock difference tolerated between the token issuer and the services, in seconds. */
  JWT_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(600).default(60),
  HOST: z.string().default('127.0.0.1'),
  /** How often subgraphs tell the registry they are alive; the registry derives UP/STALE/DOWN from it. */
  HEARTBEAT_INTERVAL_MS: z.coerce.number().int().min(50).default(5_000),
  /** Per-operation limits (depth, aliases, tokens…): see server/operation-limits.ts for what each counts. */
  ...operationLimitsEnvShape,
  /** Who may read `/metrics`: see server/metrics-access.ts and docs/OPERATIONS.md. */
  ...metricsEnvShape,
  /** Tracing and where spans are exported: read before the service starts (telemetry/register.ts), listed here to be checked with the rest. */
  ...tracingEnvShape,
});

export type BaseEnv = z.infer<typeof baseEnvSchema>;

export class EnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n  ${problems.join('\n  ')}`);
    this.name = 'EnvironmentError';
  }
}

/**
 * Parses the environment once at start-up and reports every problem together,
 * so an operator fixes a deployment in one pass instead of one variable per restart.
 */
export function readEnv<S extends z.ZodObject>(schema: S, source: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvironmentError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  if (source.NODE_ENV === 'production') {
    const problems = developmentDefaultsIn(schema, result.data);
    if (problems.length > 0) throw new EnvironmentError(problems);
  }
  return result.data;
}

/** Secrets whose default says `development-only`: a production process must be given its own. */
function developmentDefaultsIn(schema: z.ZodObject, values: Record<string, unknown>): string[] {
  return Object.entries(schema.shape).flatMap(([key, field]) => {
    const fallback = (field as z.ZodType).safeParse(undefined).data;
    const isDevelopmentDefault = typeof fallback === 'string' && fallback.startsWith('development-only') && values[key] === fallback;
    return isDevelopmentDefault ? [`${key}: the development default must not be used in production`] : [];
  });
}

/** The port a service listens on: from its own variable, else its well-known default. */
export const portSchema = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

import { z } from 'zod';

/** Settings of tracing (see docs/OPERATIONS.md); part of every service's environment. */
export const tracingEnvShape = {
  /**
   * `auto` (the default): on when an OTLP endpoint is set, else off. `on`: spans for HTTP, GraphQL, PostgreSQL and
   * the hub's NATS messages, and trace ids on log lines, exported when an endpoint is set. `off`: no tracing code
   * is loaded at all.
   */
  HUB_TRACING: z.enum(['auto', 'on', 'off']).default('auto'),
  /** An OTLP/HTTP collector (`http://collector:4318`): spans are sent to `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The full traces URL, when it is not `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** How long finished spans wait to be exported together, in milliseconds. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(10).default(5_000),
  /** The service's name on its spans; the starters set it, and a bare `node dist/main.js` takes the package's name. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

export const tracingEnvSchema = z.object(tracingEnvShape);
export type TracingEnv = z.infer<typeof tracingEnvSchema>;

/**
 * Whether spans are made at all. Spans nobody receives cost every request CPU (a placement ~20 % more, measured by
 * bench/tracing-overhead.mjs), so by default tracing follows the exporter: no endpoint, no SDK and no instrumentation.
 * `HUB_TRACING=on` keeps it without one, for trace ids on log lines alone.
 */
export function tracingEnabled(env: Pick<TracingEnv, 'HUB_TRACING' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'>): boolean {
  if (env.HUB_TRACING === 'auto') return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return env.HUB_TRACING === 'on';
}

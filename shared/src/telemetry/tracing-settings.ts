import { z } from 'zod';
import { TRACING_MODES } from './tracing-switch.js';

/** Settings of tracing (see docs/OPERATIONS.md); part of every service's environment. */
export const tracingEnvShape = {
  /**
   * `auto` (the default): on when an OTLP endpoint is set, else off. `on`: spans for HTTP, GraphQL, PostgreSQL and
   * the hub's NATS messages, and trace ids on log lines, exported when an endpoint is set. `off`: no tracing code
   * is loaded at all.
   */
  HUB_TRACING: z.enum(TRACING_MODES).default('auto'),
  /** An OTLP/HTTP collector (`http://collector:4318`): spans are sent to `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** The full traces URL, when it is not `<endpoint>/v1/traces`. */
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  /** How long finished spans wait to be exported together, in milliseconds. */
  OTEL_BSP_SCHEDULE_DELAY: z.coerce.number().int().min(10).default(5_000),
  /** The service's name on its spans; the starters set it, and a bare `node dist/bundle.js` takes the package's name. */
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
};

export const tracingEnvSchema = z.object(tracingEnvShape);
export type TracingEnv = z.infer<typeof tracingEnvSchema>;

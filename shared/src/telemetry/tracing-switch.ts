/**
 * Whether tracing is on, read from the raw environment without zod: register.ts runs before every service and would
 * otherwise load zod's 95 modules beside the copy inlined in the service's bundle.
 */
export const TRACING_MODES = ['auto', 'on', 'off'] as const;

type TracingSwitchEnv = Partial<Record<'HUB_TRACING' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', string>>;

/**
 * Whether spans are made at all. Spans nobody receives cost every request CPU (a placement ~20 % more, measured by
 * bench/tracing-overhead.mjs), so by default (`auto`) tracing follows the exporter: no endpoint, no SDK and no
 * instrumentation. `HUB_TRACING=on` keeps it without one, for trace ids on log lines alone.
 */
export function tracingEnabled(env: TracingSwitchEnv): boolean {
  const mode = env.HUB_TRACING ?? 'auto';
  if (!(TRACING_MODES as readonly string[]).includes(mode)) throw new Error(`Invalid environment:\n  HUB_TRACING: expected one of ${TRACING_MODES.join(', ')}`);
  if (mode === 'auto') return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
  return mode === 'on';
}

import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { join } from 'node:path';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, SamplingDecision, TracerProvider, type Sampler, type SpanProcessor } from '@opentelemetry/sdk-trace';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { redactSqlLiterals } from './redact-sql.js';
import { onTracesFlush } from './trace-context.js';
import type { TracingEnv } from './tracing-settings.js';
import { tracingEnabled } from './tracing-switch.js';

/** Paths whose requests are probes, not work: a trace per health check or scrape would bury the real ones. */
const PROBE_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Traces start where work arrives: an HTTP request, a message. An internal span with no parent is a library's work
 * outside any of them (the GraphQL schema parsed at start-up) and is not recorded; everything else is.
 */
const startsAtArrivals: Sampler = {
  shouldSample: (_context, _traceId, _name, kind) => ({
    decision: kind === SpanKind.INTERNAL ? SamplingDecision.NOT_RECORD : SamplingDecision.RECORD_AND_SAMPLED,
  }),
  toString: () => 'StartsAtArrivals',
};

/** Query texts are kept without their values (redact-sql.ts), before any exporter sees the span. */
const redactQueryText: SpanProcessor = {
  onStart: () => undefined,
  // The query text is set after the span started; before it ends, the span still takes changes.
  onEnding(span) {
    for (const key of ['db.query.text', 'db.statement']) {
      const text = span.attributes[key];
      if (typeof text === 'string') span.setAttribute(key, redactSqlLiterals(text));
    }
  },
  onEnd: () => undefined,
  forceFlush: async () => undefined,
  shutdown: async () => undefined,
};

export interface Tracing {
  /** Exports what is left and stops. */
  shutdown(): Promise<void>;
}

/**
 * The hub's one tracing setup, run before a service's own modules load (`node --import
 * @hub/shared/telemetry/register dist/bundle.js`), because instrumentations patch `http`, `pg` and `graphql` as they
 * are imported. Spans come from HTTP (server, and `fetch` and `http` clients, which carry the W3C `traceparent`), the
 * GraphQL execution, PostgreSQL queries made inside a traced piece of work, and the hub's own NATS spans
 * (trace-context.ts). No query values, variables or bodies are recorded: they can hold personal data.
 */
export async function startTracing(env: TracingEnv, service = env.OTEL_SERVICE_NAME ?? packageServiceName()): Promise<Tracing | undefined> {
  if (!tracingEnabled(env)) return undefined;
  // Only the modules an instrumentation hooks go through the ESM loader hook; the rest load as they would without it.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }));
  const endpoint = tracesEndpointOf(env);
  const spanProcessors: SpanProcessor[] = endpoint
    ? [redactQueryText, new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: endpoint }), scheduledDelayMillis: env.OTEL_BSP_SCHEDULE_DELAY })]
    : [];
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    sampler: new ParentBasedSampler({ root: startsAtArrivals }),
    spanProcessors,
  });
  trace.setGlobalTracerProvider(provider);
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => PROBE_PATHS.has((request.url ?? '').split('?')[0] ?? ''),
        // Calls made outside any traced work (a registry poll) would each start a trace of their own.
        requireParentforOutgoingSpans: true,
      }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      // The relays' and sweeps' polling queries run outside any span: only queries of traced work are recorded.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
    ],
  });
  await waitForAllMessagesAcknowledged();
  onTracesFlush(() => provider.forceFlush());
  return { shutdown: () => provider.shutdown() };
}

/** `<endpoint>/v1/traces`, or the traces URL given outright; undefined when nothing is to be exported. */
export function tracesEndpointOf(env: Pick<TracingEnv, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'>): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  return undefined;
}

/** The service started from its workspace folder: its subgraph name, else its package name without the scope. */
function packageServiceName(): string {
  try {
    const manifest = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as { name?: string; hub?: { subgraph?: string } };
    return manifest.hub?.subgraph ?? manifest.name?.replace(/^@[^/]+\//, '') ?? 'unknown_service';
  } catch {
    return 'unknown_service';
  }
}

import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';

export { SpanKind };

/**
 * A trace context in its W3C text form (`traceparent`, and `tracestate` when there is one): what crosses a process
 * boundary the hub's instrumentations do not cover (NATS messages, and the outbox rows that wait to become them).
 */
export type TraceCarrier = Record<string, string>;

/** The OpenTelemetry API only: without the SDK (`HUB_TRACING=off`, in-process tests) every call here is a cheap no-op. */
const tracer = () => trace.getTracer('@hub/shared');

/** The current span's context as a carrier, to store beside work that continues later; null outside a span. */
export function captureTraceContext(): TraceCarrier | null {
  return carrierOf(context.active());
}

/** The same as a SQL parameter for a `jsonb` column, for rows written by raw SQL (null stays SQL null). */
export function traceContextParameter(): string | null {
  const carrier = captureTraceContext();
  return carrier ? JSON.stringify(carrier) : null;
}

function carrierOf(active: Context): TraceCarrier | null {
  const carrier: TraceCarrier = {};
  propagation.inject(active, carrier);
  return carrier.traceparent ? carrier : null;
}

export interface SpanOptions {
  kind: SpanKind;
  attributes?: Attributes;
}

/**
 * Runs `work` in a span that continues the trace `parent` carries (a stored outbox context, a message's headers).
 * `work` receives the new span's own carrier, to send on. A producer with no stored context starts no trace of its
 * own: a row written outside any request (a sweep, a bulk insert) would only add root traces nobody asked for.
 */
export async function inSpan<T>(
  name: string,
  parent: TraceCarrier | null | undefined,
  options: SpanOptions,
  work: (carrier: TraceCarrier | null) => Promise<T>,
): Promise<T> {
  if (!parent && options.kind === SpanKind.PRODUCER) return work(null);
  const parentContext = parent ? propagation.extract(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
  return tracer().startActiveSpan(
    name,
    { kind: options.kind, ...(options.attributes ? { attributes: options.attributes } : {}) },
    parentContext,
    async (span) => {
      try {
        return await work(carrierOf(context.active()));
      } catch (error) {
        // The error's name only: messages can quote a row's values, which stay out of exported traces as out of logs.
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Runs `work` outside any trace. For timers a relay re-arms itself with: a timer keeps the context it was set in, so
 * one nudged from inside a request would put every later pass, forever, into that request's trace.
 */
export function untraced<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}

/** A context taken to go on in later: what a batch keeps of each item. */
export type TraceContext = Context;

/** The active context, for work that runs later elsewhere (a batch) to go on in it with `withinContext`. */
export function activeContext(): TraceContext {
  return context.active();
}

/** Runs `work` in a context taken earlier: each item of a batch stays in the trace it came from. */
export function withinContext<T>(active: TraceContext, work: () => T): T {
  return context.with(active, work);
}

/** The trace ids of the current span, for log lines; empty outside a span. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

let flushTraces: () => Promise<void> = async () => undefined;

/** Set by the tracing setup: how finished spans still waiting for export are sent before the process exits. */
export function onTracesFlush(flush: () => Promise<void>): void {
  flushTraces = flush;
}

/** Sends finished spans still waiting for export; a graceful shutdown calls it last. Never throws. */
export async function flushPendingTraces(): Promise<void> {
  await flushTraces().catch(() => undefined);
}

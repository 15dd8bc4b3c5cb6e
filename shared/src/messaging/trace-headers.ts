import { headers, type MsgHdrs } from '@nats-io/transport-node';
import { inSpan, SpanKind, type TraceCarrier } from '../telemetry/trace-context.js';

/**
 * NATS has no OpenTelemetry instrumentation: the hub carries the W3C trace context in message headers itself, under
 * the same names HTTP uses, so a consumer's span continues the trace of the request that caused the message.
 */
const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** Headers holding the carrier's trace context; undefined when there is none (the message goes without headers). */
export function traceHeaders(carrier: TraceCarrier | null): MsgHdrs | undefined {
  if (!carrier) return undefined;
  const result = headers();
  for (const name of TRACE_HEADERS) if (carrier[name]) result.set(name, carrier[name]);
  return result;
}

/** The trace context a message carries; null when it has none. */
export function traceCarrierOf(messageHeaders: MsgHdrs | undefined): TraceCarrier | null {
  const traceparent = messageHeaders?.get('traceparent');
  if (!traceparent) return null;
  const tracestate = messageHeaders?.get('tracestate');
  return { traceparent, ...(tracestate ? { tracestate } : {}) };
}

/** Handles a received message in a consumer span that continues the sender's trace (or starts one when it carried none). */
export function inMessageSpan<T>(
  message: { subject: string; headers?: MsgHdrs | undefined },
  attributes: Record<string, string>,
  work: () => Promise<T>,
): Promise<T> {
  return inSpan(
    `process ${message.subject}`,
    traceCarrierOf(message.headers),
    { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': message.subject, ...attributes } },
    work,
  );
}

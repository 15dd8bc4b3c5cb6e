import { Writable } from 'node:stream';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createLogger } from '../src/logger.js';

/**
 * Log lines name the trace and span they were written in, through the real OpenTelemetry SDK (as the services set it
 * up) with an in-memory exporter; outside a span they carry no ids, and redaction still applies inside one.
 */
const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const contextManager = new AsyncLocalStorageContextManager().enable();

beforeAll(() => {
  context.setGlobalContextManager(contextManager);
  trace.setGlobalTracerProvider(provider);
});

afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
});

function capturedLogger() {
  const lines: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('test-service', 'info', sink) };
}

it('writes the trace and span ids on lines logged inside a span, and none outside', async () => {
  const { lines, logger } = capturedLogger();
  logger.info('before');
  let ids: { traceId: string; spanId: string } | undefined;
  await trace.getTracer('test').startActiveSpan('placement', async (span) => {
    ids = span.spanContext();
    await Promise.resolve();
    logger.info({ orderId: 'o-1', customer: { name: '王芳' } }, 'inside');
    span.end();
  });
  logger.info('after');
  expect(lines.map((line) => [line.msg, line.traceId, line.spanId])).toEqual([
    ['before', undefined, undefined],
    ['inside', ids!.traceId, ids!.spanId],
    ['after', undefined, undefined],
  ]);
  expect(ids!.traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(lines[1]).toMatchObject({ service: 'test-service', orderId: 'o-1', customer: '[redacted]' });
  expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual(['placement']);
});

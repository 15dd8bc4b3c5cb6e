import { tracingEnabled } from './tracing-switch.js';

describe('tracingEnabled', () => {
  const endpoint = 'http://collector:4318';
  it.each([
    ['auto without an endpoint', { HUB_TRACING: 'auto' }, false],
    ['auto with an endpoint', { HUB_TRACING: 'auto', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, true],
    ['auto with a traces URL', { HUB_TRACING: 'auto', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces` }, true],
    ['on without an endpoint (trace ids in logs only)', { HUB_TRACING: 'on' }, true],
    ['off with an endpoint', { HUB_TRACING: 'off', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, false],
    ['unset: auto', { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }, true],
  ] as const)('%s', (_case, env, expected) => {
    expect(tracingEnabled(env)).toBe(expected);
  });

  it('refuses a mode it does not know, naming the variable', () => {
    expect(() => tracingEnabled({ HUB_TRACING: 'yes' })).toThrow('HUB_TRACING: expected one of auto, on, off');
  });
});

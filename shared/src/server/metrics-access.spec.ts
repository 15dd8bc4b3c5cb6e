import { mayReadMetrics, metricsAccessOf } from './metrics-access.js';
import { OperationNames } from './metrics-endpoint.js';

const TOKEN = 'a-metrics-token-of-at-least-32-characters';

describe('who may read /metrics', () => {
  const access = metricsAccessOf({ METRICS_ALLOW_FROM: '127.0.0.1/32, ::1/128, 10.1.0.0/16, 192.0.2.7', METRICS_TOKEN: TOKEN });
  it.each([
    ['loopback', '127.0.0.1', undefined, true],
    ['loopback through a dual-stack socket', '::ffff:127.0.0.1', undefined, true],
    ['IPv6 loopback', '::1', undefined, true],
    ['the monitoring network', '10.1.200.3', undefined, true],
    ['a single allowed address', '192.0.2.7', undefined, true],
    ['its neighbour', '192.0.2.8', undefined, false],
    ['another network', '10.2.0.1', undefined, false],
    ['another network with the token', '10.2.0.1', `Bearer ${TOKEN}`, true],
    ['another network with a wrong token', '10.2.0.1', 'Bearer wrong', false],
    ['another network with the token but no scheme', '10.2.0.1', TOKEN, false],
    ['no address', undefined, undefined, false],
  ])('%s', (_name, address, authorization, allowed) => {
    expect(mayReadMetrics(access, address, authorization)).toBe(allowed);
  });

  it('admits no token when none is configured', () => {
    const networkOnly = metricsAccessOf({ METRICS_ALLOW_FROM: '127.0.0.1' });
    expect(mayReadMetrics(networkOnly, '10.2.0.1', 'Bearer ')).toBe(false);
    expect(mayReadMetrics(networkOnly, '10.2.0.1', 'Bearer undefined')).toBe(false);
  });

  it('refuses a setting that is not an address', () => {
    expect(() => metricsAccessOf({ METRICS_ALLOW_FROM: 'monitoring.local' })).toThrow('METRICS_ALLOW_FROM');
  });
});

describe('operation name labels', () => {
  it('keeps names, and bounds what clients could make unbounded', () => {
    const names = new OperationNames();
    expect(names.labelOf('PlaceOrder')).toBe('PlaceOrder');
    expect(names.labelOf(undefined)).toBe('anonymous');
    expect(names.labelOf('order-7f3a9c2e')).toBe('invalid');
    expect(names.labelOf('x'.repeat(65))).toBe('invalid');
    for (let index = 0; index < 300; index += 1) names.labelOf(`Op${index}`);
    expect(names.labelOf('PlaceOrder')).toBe('PlaceOrder');
    expect(names.labelOf('Op150')).toBe('Op150');
    expect(names.labelOf('Op250')).toBe('other');
  });
});

import { subgraphHealth } from './subgraph-health.js';

describe('subgraphHealth', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it.each([
    [null, 'DOWN'],
    [ago(0), 'UP'],
    [ago(15_000), 'UP'],
    [ago(15_001), 'STALE'],
    [ago(50_000), 'STALE'],
    [ago(50_001), 'DOWN'],
  ] as const)('last heartbeat %p with a 5 s interval is %s', (last, expected) => {
    expect(subgraphHealth(last, now, 5_000)).toBe(expected);
  });
});

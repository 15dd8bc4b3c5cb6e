import { subgraphHealth, type LastHeartbeat } from './subgraph-health.js';

describe('subgraphHealth (5 s heartbeats)', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const beat = (msAgo: number | null, extra: Partial<LastHeartbeat> = {}): LastHeartbeat => ({
    at: msAgo === null ? null : new Date(now.getTime() - msAgo),
    ready: null,
    eventLoopDelayMs: null,
    ...extra,
  });
  it.each([
    ['never a heartbeat', beat(null), 0, 'DOWN'],
    ['just now', beat(0), 0, 'UP'],
    ['three intervals ago', beat(15_000), 0, 'UP'],
    ['just over three intervals', beat(15_001), 0, 'STALE'],
    ['ten intervals ago', beat(50_000), 0, 'STALE'],
    ['just over ten intervals', beat(50_001), 0, 'DOWN'],
    ['beating, but its own checks fail', beat(1_000, { ready: false }), 0, 'NOT_READY'],
    ['beating and ready', beat(1_000, { ready: true }), 0, 'UP'],
    ['starved sender: 8 s loop delay buys 8 s', beat(22_000, { eventLoopDelayMs: 8_000 }), 0, 'UP'],
    ['starved registry: its own 8 s delay buys 8 s', beat(22_000), 8_000, 'UP'],
    ['slack is capped at five intervals', beat(41_000, { eventLoopDelayMs: 600_000 }), 0, 'STALE'],
    ['a hung sender stays down however starved it said it was', beat(76_000, { eventLoopDelayMs: 600_000 }), 0, 'DOWN'],
    ['silent and not ready is stale, not not-ready', beat(20_000, { ready: false }), 0, 'STALE'],
  ] as const)('%s → %s', (_case, last, registryDelay, expected) => {
    expect(subgraphHealth(last, now, 5_000, registryDelay)).toBe(expected);
  });
});

export type SubgraphHealth = 'UP' | 'NOT_READY' | 'STALE' | 'DOWN';

export interface LastHeartbeat {
  /** When the registry received it; null before the first. */
  at: Date | null;
  /** What the subgraph's own readiness checks said then (null from senders that do not say: taken as ready). */
  ready: boolean | null;
  /** How long the subgraph's event loop was recently held up, as it reported. */
  eventLoopDelayMs: number | null;
}

/**
 * A subgraph that missed three heartbeats is stale (maybe slow, maybe gone); after ten it is down. The
 * gateway keeps routing to stale ones: a missed heartbeat is not proof the service cannot answer.
 * Starvation is not death: a subgraph that reported a long event-loop delay, or a registry whose own loop is
 * held up (it then reads heartbeats late), gets that much slack, at most five intervals, so a CPU-starved but
 * working service stays up while a hung one, which sends nothing, still goes down. A subgraph that beats but
 * whose own readiness checks fail is NOT_READY, the same answer its `/ready` gives.
 */
export function subgraphHealth(last: LastHeartbeat, now: Date, heartbeatIntervalMs: number, registryEventLoopDelayMs = 0): SubgraphHealth {
  if (!last.at) return 'DOWN';
  const slack = Math.min(Math.max(last.eventLoopDelayMs ?? 0, registryEventLoopDelayMs), 5 * heartbeatIntervalMs);
  const silentFor = now.getTime() - last.at.getTime() - slack;
  if (silentFor <= 3 * heartbeatIntervalMs) return last.ready === false ? 'NOT_READY' : 'UP';
  if (silentFor <= 10 * heartbeatIntervalMs) return 'STALE';
  return 'DOWN';
}

export type SubgraphHealth = 'UP' | 'STALE' | 'DOWN';

/**
 * A subgraph that missed three heartbeats is stale (maybe slow, maybe gone); after ten it is down. The
 * gateway keeps routing to stale ones: a missed heartbeat is not proof the service cannot answer.
 */
export function subgraphHealth(lastHeartbeatAt: Date | null, now: Date, heartbeatIntervalMs: number): SubgraphHealth {
  if (!lastHeartbeatAt) return 'DOWN';
  const silentFor = now.getTime() - lastHeartbeatAt.getTime();
  if (silentFor <= 3 * heartbeatIntervalMs) return 'UP';
  if (silentFor <= 10 * heartbeatIntervalMs) return 'STALE';
  return 'DOWN';
}

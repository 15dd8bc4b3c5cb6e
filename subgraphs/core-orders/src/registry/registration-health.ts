import { recentEventLoopDelayMs } from '@hub/shared/server/event-loop-delay';
import { subgraphHealth, type SubgraphHealth } from './domain/subgraph-health.js';
import type { SubgraphRegistration } from './persistence/subgraph-registration.entity.js';

/** The registry's judgement of one registration now, with this process's own starvation as slack. */
export const registrationHealth = (
  registration: Pick<SubgraphRegistration, 'lastHeartbeatAt' | 'lastHeartbeatReady' | 'lastEventLoopDelayMs'>,
  now: Date,
  heartbeatIntervalMs: number,
): SubgraphHealth =>
  subgraphHealth(
    { at: registration.lastHeartbeatAt ?? null, ready: registration.lastHeartbeatReady ?? null, eventLoopDelayMs: registration.lastEventLoopDelayMs ?? null },
    now,
    heartbeatIntervalMs,
    recentEventLoopDelayMs(),
  );

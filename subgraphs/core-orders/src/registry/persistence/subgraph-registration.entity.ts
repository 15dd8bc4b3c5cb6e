import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** The schema a subgraph serves now, as accepted by the registry, and when it last said it is alive. */
export const SubgraphRegistration = defineEntity({
  name: 'SubgraphRegistration',
  tableName: 'subgraph_registration',
  properties: {
    name: p.string().length(32).primary(),
    url: p.string().length(500),
    sdl: p.text(),
    version: p.string().length(100),
    acceptedAt: p.datetime(),
    lastHeartbeatAt: p.datetime().nullable(),
    /** What the subgraph's own readiness checks said in its last heartbeat. */
    lastHeartbeatReady: p.boolean().nullable(),
    /** Its recent longest event-loop delay, as reported in that heartbeat. */
    lastEventLoopDelayMs: p.integer().nullable(),
  },
});
export type SubgraphRegistration = InferEntity<typeof SubgraphRegistration>;

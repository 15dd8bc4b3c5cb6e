import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { registerSubgraphReplySchema, type Heartbeat, type RegisterSubgraphReply, type RegisterSubgraphRequest } from '../messaging/registry-contracts.js';
import { recentEventLoopDelayMs } from '../server/event-loop-delay.js';
import { isReady, type ReadinessChecks } from '../server/service-server.js';
import type { Subjects } from '../messaging/subjects.js';

export interface RegistryPresence {
  /** Settles with core's verdict on this schema, once core has answered. */
  verdict: Promise<RegisterSubgraphReply>;
  stop(): void;
}

/**
 * Announces a subgraph to core's registry and keeps it marked alive. Registration is retried until core
 * answers (core may start later, or be restarting); heartbeats then go out on a fixed interval.
 */
export function announceToRegistry(
  nc: NatsConnection,
  subjects: Subjects,
  logger: Logger,
  request: RegisterSubgraphRequest,
  heartbeatIntervalMs: number,
  readiness: ReadinessChecks = {},
): RegistryPresence {
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  // Each beat carries what `/ready` said at the previous beat (checked in the background, so a slow database never
  // delays the beat itself) and how starved the process is, so the registry and `/ready` agree.
  let ready = true;
  const publish = () => {
    if (stopped) return;
    const heartbeat: Heartbeat = {
      name: request.name,
      version: request.version,
      at: new Date().toISOString(),
      ready,
      eventLoopDelayMs: recentEventLoopDelayMs(),
    };
    nc.publish(subjects.heartbeat(request.name), JSON.stringify(heartbeat));
  };
  const beat = () => {
    publish();
    void isReady(readiness).then((answer) => {
      const changed = answer !== ready;
      ready = answer;
      // A change is told at once rather than a whole interval later: the registry and `/ready` agree sooner.
      if (changed) publish();
    });
  };
  const heartbeat = setInterval(beat, heartbeatIntervalMs);
  const verdict = new Promise<RegisterSubgraphReply>((resolve) => {
    const attempt = () => {
      if (stopped) return;
      nc.request(subjects.registerSubgraph(request.name), JSON.stringify(request), { timeout: 10_000 }).then(
        (message) => {
          const reply = registerSubgraphReplySchema.parse(message.json());
          if (reply.accepted) logger.info({ version: request.version, supergraphVersion: reply.supergraphVersion }, 'schema accepted by the registry');
          else
            logger.error(
              { version: request.version, problems: reply.problems },
              'schema rejected by the registry; gateways keep serving the last good supergraph',
            );
          resolve(reply);
        },
        () => {
          retry = setTimeout(attempt, 2_000);
        },
      );
    };
    attempt();
  });
  beat();
  return {
    verdict,
    stop() {
      stopped = true;
      clearInterval(heartbeat);
      clearTimeout(retry);
    },
  };
}

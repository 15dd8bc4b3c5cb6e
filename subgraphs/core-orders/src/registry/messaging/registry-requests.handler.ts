import type { NatsConnection, Subscription } from '@nats-io/transport-node';
import type { Logger } from '@hub/shared/logger';
import { heartbeatSchema, registerSubgraphRequestSchema } from '@hub/shared/messaging/registry-contracts';
import { isDirectRequest, relayedByJetStream, senderOf } from '@hub/shared/messaging/sender-identity';
import type { Subjects } from '@hub/shared/messaging/subjects';
import { registrationSenderProblems } from '../domain/registration-sender.rules.js';
import type { SubgraphRegistryService } from '../subgraph-registry.service.js';

/** The registry's NATS endpoints: registration and supergraph requests, and heartbeats (fire and forget). */
export function subscribeRegistryRequests(nc: NatsConnection, subjects: Subjects, logger: Logger, registry: SubgraphRegistryService): Subscription[] {
  const answer = (subject: string, handle: (body: unknown, sender: string) => Promise<unknown>, failureReply: unknown) =>
    nc.subscribe(subject, {
      queue: 'core-orders',
      callback: (error, message) => {
        // Relayed by JetStream: nobody asked, and nobody proved who sent it.
        if (error || !isDirectRequest(message)) return;
        handle(message.data.length ? message.json() : undefined, senderOf(message.subject)).then(
          (reply) => message.respond(JSON.stringify(reply)),
          (failure: unknown) => {
            logger.error({ err: failure, subject }, 'registry request failed');
            message.respond(JSON.stringify(failureReply));
          },
        );
      },
    });
  return [
    answer(
      subjects.registerSubgraphAll,
      async (body, sender) => {
        const parsed = registerSubgraphRequestSchema.safeParse(body);
        if (!parsed.success) return { accepted: false, problems: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
        const impersonation = registrationSenderProblems(sender, parsed.data);
        if (impersonation.length > 0) {
          logger.warn({ sender, subgraph: parsed.data.name }, 'registration refused for its sender');
          return { accepted: false, problems: impersonation };
        }
        const reply = await registry.register(parsed.data);
        logger.info({ subgraph: parsed.data.name, version: parsed.data.version, accepted: reply.accepted }, 'schema submitted');
        return reply;
      },
      { accepted: false, problems: ['internal error in the registry; retry'] },
    ),
    // An unknown supergraph is `null`: a gateway then keeps the one it has.
    answer(subjects.currentSupergraph, () => registry.currentSupergraph(), null),
    nc.subscribe(subjects.heartbeats, {
      queue: 'core-orders',
      callback: (error, message) => {
        const parsed = error || relayedByJetStream(message) ? undefined : heartbeatSchema.safeParse(message.json());
        // Only the subgraph's own user may publish on its heartbeat subject; the name inside must agree.
        if (parsed?.success && parsed.data.name === senderOf(message.subject))
          void registry.recordHeartbeat(parsed.data.name, parsed.data).catch(() => undefined);
      },
    }),
  ];
}

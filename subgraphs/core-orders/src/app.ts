import { OutboxRelay } from '@hub/shared/messaging/outbox-relay';
import { openInfrastructure } from '@hub/shared/server/infrastructure';
import { packageVersionBeside, schemaVersion } from '@hub/shared/federation/schema-version';
import { recentEventLoopDelayMs } from '@hub/shared/server/event-loop-delay';
import { isReady, startServiceServer, type RunningServer } from '@hub/shared/server/service-server';
import type { CoreEnv } from './env.js';
import { subscribeCoreCommands } from './orders/messaging/core-commands.handler.js';
import { OrderRegistrationService } from './orders/order-registration.service.js';
import { OrderNoteService } from './orders/order-note.service.js';
import { OrderTransitionService } from './orders/order-transition.service.js';
import { OrderHoldService } from './orders/order-hold.service.js';
import { coreMigrations } from './persistence/migrations/index.js';
import { CORE_SCHEMA, coreEntities } from './persistence/entities.js';
import { subscribeRegistryRequests } from './registry/messaging/registry-requests.handler.js';
import { exportRegistryHealth } from './registry/registry-metrics.js';
import { SubgraphRegistryService } from './registry/subgraph-registry.service.js';
import { buildCoreSchema } from './schema.js';
import { createSummaryConsumer } from './summaries/summary-consumer.js';

export interface CoreAppOptions {
  /** Fault injection for tests; see OutboxRelay. */
  afterOutboxPublish?: (messageId: string) => void;
  /** Called after each summary message is settled; tests wait on it. */
  onSummarySettled?: Parameters<typeof createSummaryConsumer>[1];
}

/** The composition root of core-orders: opens what it needs, wires the use cases, and starts listening. */
export async function createCoreApp(env: CoreEnv, options: CoreAppOptions = {}) {
  const infra = await openInfrastructure('core-orders', env, { schema: CORE_SCHEMA, entities: coreEntities, migrations: coreMigrations }, 'core');
  const { orm, nc, subjects, logger } = infra;
  const relay = new OutboxRelay({
    nc,
    em: orm.em,
    logger,
    schema: CORE_SCHEMA,
    ...(options.afterOutboxPublish ? { afterPublish: options.afterOutboxPublish } : {}),
  });
  const nudge = () => relay.nudge();
  const registration = new OrderRegistrationService(orm, subjects, nudge);
  const transitions = new OrderTransitionService(orm, subjects, nudge);
  const holds = new OrderHoldService(orm, subjects, nudge);
  const registry = new SubgraphRegistryService(orm, (version) => nc.publish(subjects.supergraphChanged, JSON.stringify({ version })));
  const subscriptions = [
    subscribeCoreCommands(nc, subjects, logger, registration, transitions, new OrderNoteService(orm, logger)),
    ...subscribeRegistryRequests(nc, subjects, logger, registry),
  ];
  const summaryConsumer = createSummaryConsumer(infra, options.onSummarySettled);
  let server: RunningServer;
  let ownHeartbeat: ReturnType<typeof setInterval> | undefined;
  try {
    await summaryConsumer.start();
    const { schema, sdl } = await buildCoreSchema(orm, transitions, holds, env.HEARTBEAT_INTERVAL_MS);
    // The registry is core's own: ready once it holds a composed supergraph to serve gateways.
    const readiness = { ...infra.readiness, registry: async () => ((await registry.currentSupergraph()) ? 'serving' : 'empty') };
    server = await startServiceServer({ name: 'core-orders', schema, logger, jwt: infra.jwt, readiness }, env.PORT, env.HOST);
    // Core is a subgraph like the others: its schema goes through the same composition check.
    const version = schemaVersion(await packageVersionBeside(import.meta.url), sdl);
    const reply = await registry.register({ name: 'core-orders', url: env.PUBLIC_URL ?? `${server.url}/graphql`, sdl, version });
    if (reply.accepted) logger.info({ version, supergraphVersion: reply.supergraphVersion }, 'schema accepted by the registry');
    else logger.error({ problems: reply.problems }, 'schema rejected by the registry; gateways keep serving the last good supergraph');
    // Core registers itself directly rather than over NATS, so nothing else would refresh its heartbeat and the
    // registry would report it DOWN ten intervals after start while it is answering.
    let ready = true;
    ownHeartbeat = setInterval(() => {
      registry
        .recordHeartbeat('core-orders', { ready, eventLoopDelayMs: recentEventLoopDelayMs() })
        .catch((error: unknown) => logger.warn({ err: error }, 'own heartbeat not recorded'));
      void isReady(readiness).then((answer) => {
        ready = answer;
      });
    }, env.HEARTBEAT_INTERVAL_MS);
  } catch (error) {
    clearInterval(ownHeartbeat);
    await summaryConsumer.stop();
    await infra.close();
    throw error;
  }
  relay.start();
  const stopRegistryHealth = exportRegistryHealth(orm, env.HEARTBEAT_INTERVAL_MS);
  // Senders keep commands in back-off while core is away; this tells them to send now.
  nc.publish(subjects.coreAvailable, JSON.stringify({ at: new Date().toISOString() }));
  return {
    url: server.url,
    orm,
    relay,
    registry,
    async close() {
      clearInterval(ownHeartbeat);
      stopRegistryHealth();
      await server.close();
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      await summaryConsumer.stop();
      await relay.stop();
      await infra.close();
    },
  };
}

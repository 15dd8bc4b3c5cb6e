import { OutboxRelay } from '@hub/shared/messaging/outbox-relay';
import { openInfrastructure } from '@hub/shared/server/infrastructure';
import { startServiceServer, type RunningServer } from '@hub/shared/server/service-server';
import type { CoreEnv } from './env.js';
import { subscribeOrderRequests } from './orders/messaging/order-requests.handler.js';
import { OrderRegistrationService } from './orders/order-registration.service.js';
import { OrderTransitionService } from './orders/order-transition.service.js';
import { coreMigrations } from './persistence/migrations/index.js';
import { CORE_SCHEMA, coreEntities } from './persistence/entities.js';
import { buildCoreSchema } from './schema.js';

export interface CoreAppOptions {
  /** Fault injection for tests; see OutboxRelay. */
  afterOutboxPublish?: (messageId: string) => void;
}

/** The composition root of core-orders: opens what it needs, wires the use cases, and starts listening. */
export async function createCoreApp(env: CoreEnv, options: CoreAppOptions = {}) {
  const infra = await openInfrastructure('core-orders', env, { schema: CORE_SCHEMA, entities: coreEntities, migrations: coreMigrations });
  const { orm, nc, subjects, logger } = infra;
  const relay = new OutboxRelay({ nc, em: orm.em, logger, schema: CORE_SCHEMA, ...(options.afterOutboxPublish ? { afterPublish: options.afterOutboxPublish } : {}) });
  const nudge = () => relay.nudge();
  const registration = new OrderRegistrationService(orm, subjects, nudge);
  const transitions = new OrderTransitionService(orm, subjects, nudge);
  const subscriptions = subscribeOrderRequests(nc, subjects, logger, registration, transitions);
  let server: RunningServer;
  try {
    const { schema } = await buildCoreSchema(orm, transitions);
    server = await startServiceServer({ name: 'core-orders', schema, logger, jwt: infra.jwt, readiness: infra.readiness }, env.PORT, env.HOST);
  } catch (error) {
    await infra.close();
    throw error;
  }
  relay.start();
  return {
    url: server.url,
    orm,
    relay,
    async close() {
      await server.close();
      subscriptions.forEach((subscription) => subscription.unsubscribe());
      await relay.stop();
      await infra.close();
    },
  };
}

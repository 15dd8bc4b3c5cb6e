import pg from 'pg';
import { packageVersionBeside } from '@hub/shared/federation/schema-version';
import { CoreCommandRelay, type CoreCommandRelayOptions } from '@hub/shared/commands/command-relay';
import { BurstBatcher } from '@hub/shared/messaging/burst-batcher';
import { OutboxRelay } from '@hub/shared/messaging/outbox-relay';
import { ensureTrackingStreams, trackingSubjectsFor } from '@hub/shared/notices/tracking-subjects';
import type { RegistryPresence } from '@hub/shared/region/registry-client';
import { openInfrastructure } from '@hub/shared/server/infrastructure';
import type { RunningServer } from '@hub/shared/server/service-server';
import { serveSubgraph } from '@hub/shared/subgraph/serve-subgraph';
import type { DurableConsumerOptions } from '@hub/shared/messaging/durable-consumer';
import type { OrderEvent } from '@hub/shared/messaging/contracts';
import { createDisruptionConsumer } from './disruptions/disruption.consumer.js';
import type { TrackingEnv } from './env.js';
import { EventIngestService } from './events/event-ingest.service.js';
import { mountCarrierEventsRoute } from './events/http/carrier-events.route.js';
import { CarrierEventsConsumer, type CarrierEventsConsumerOptions } from './events/messaging/carrier-events.consumer.js';
import { JourneyQuery } from './journey/journey-query.js';
import { MILESTONE_PURPOSE } from './journey/journey-progress.store.js';
import { createTrackedOrdersConsumer } from './orders/order-events.consumer.js';
import { trackingEntities, TRACKING_SCHEMA } from './persistence/entities.js';
import { trackingMigrations } from './persistence/migrations/index.js';
import { PartitionMaintenance } from './persistence/partitions.js';
import { buildJourneyStreamSchema, mountJourneyStream } from './realtime/journey-stream.js';
import { buildTrackingSchema } from './schema.js';
import { ShipmentRegistrationService } from './shipments/shipment-registration.service.js';
import { TrackingScheduler } from './sweeps/tracking-scheduler.js';

export interface TrackingAppOptions {
  onOrderEventSettled?: DurableConsumerOptions<OrderEvent>['onSettled'];
  onCarrierBatchSettled?: CarrierEventsConsumerOptions['onSettled'];
  /** Called after each attempt at a command for core; tests wait on it. */
  onCommandSettled?: CoreCommandRelayOptions['onSettled'];
}

/** The composition root of tracking: opens what it needs, wires ingest, sweeps, GraphQL and the live stream. */
/** How tracking's own pool names its connections in `pg_stat_activity`. */
export const TRACKING_SQL_POOL = 'tracking-sql';

export async function createTrackingApp(env: TrackingEnv, options: TrackingAppOptions = {}) {
  const infra = await openInfrastructure('tracking', env, {
    schema: TRACKING_SCHEMA,
    entities: trackingEntities,
    migrations: trackingMigrations,
    poolSize: 16,
  });
  const { orm, nc, logger } = infra;
  const subjects = trackingSubjectsFor(env.NATS_NAMESPACE);
  // Tracking's set-wise SQL (COPY, INSERT … SELECT, unnest updates) runs on its own pool with pg's standard type
  // parsing (timestamps as Date); the ORM's pool parses them as strings for its own hydration.
  const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX ?? 12, application_name: TRACKING_SQL_POOL });
  // An idle connection PostgreSQL drops (a restart, an administrator) is reported on the pool, which then discards it;
  // an 'error' event nobody listens to would end the process instead.
  pool.on('error', (error: Error & { code?: string }) => logger.warn({ code: error.code }, 'PostgreSQL dropped an idle connection of the tracking pool'));
  const relay = new OutboxRelay({ nc, em: orm.em, logger, schema: TRACKING_SCHEMA });
  const partitions = new PartitionMaintenance(pool, env.EVENT_RETENTION_DAYS);
  // Milestones go to core through the shared command outbox, in order per order; a refusal stays on the command.
  const commands = new CoreCommandRelay({
    nc,
    orm,
    subjects: infra.subjects,
    logger,
    schema: TRACKING_SCHEMA,
    source: 'tracking',
    handlers: { [MILESTONE_PURPOSE]: {} },
    pollIntervalMs: env.MILESTONE_SWEEP_MS,
    ...(options.onCommandSettled ? { onSettled: options.onCommandSettled } : {}),
  });
  const ingest = new EventIngestService({
    pool,
    orm,
    partitions,
    subjects,
    clockSkewMs: env.CLOCK_SKEW_MS,
    retentionMs: env.EVENT_RETENTION_DAYS * 86_400_000,
    onCommitted: (orderIds) => {
      orderIds.forEach((orderId) => nc.publish(subjects.journeyChanged(orderId)));
      relay.nudge();
      commands.nudge();
    },
  });
  const registration = new ShipmentRegistrationService(pool, ingest);
  const scheduler = new TrackingScheduler({
    pool,
    subjects,
    logger,
    ingest,
    partitions,
    sweepIntervalMs: env.SWEEP_INTERVAL_MS,
    batch: env.SWEEP_BATCH,
    defaultLegHours: env.DEFAULT_LEG_HOURS,
    parkedRetentionMs: env.PARKED_RETENTION_DAYS * 86_400_000,
    onQueued: () => relay.nudge(),
  });
  const carrierConsumer = new CarrierEventsConsumer({
    nc,
    subjects,
    jwt: infra.jwt,
    ingest,
    logger,
    ...(options.onCarrierBatchSettled ? { onSettled: options.onCarrierBatchSettled } : {}),
  });
  // The orders of a consumer's batch are matched together: one look-up for all, a transaction only for those parked events name.
  const parkedMatches = new BurstBatcher<string, void>(
    async (orderIds) => {
      await ingest
        .matchParkedOrders([...new Set(orderIds)])
        .catch((error: unknown) => logger.warn({ err: error }, 'matching parked events failed; the sweep retries'));
      return orderIds.map(() => ({ ok: true, value: undefined }));
    },
    { maxBatch: 256 },
  );
  const ordersConsumer = createTrackedOrdersConsumer(infra, subjects, (orderId) => void parkedMatches.submit(orderId), options.onOrderEventSettled);
  const disruptionConsumer = createDisruptionConsumer(infra, subjects, pool, () => undefined);
  let server: RunningServer | undefined;
  let presence: RegistryPresence | undefined;
  const shutdown = async () => {
    presence?.stop();
    await scheduler.stop();
    await commands.stop();
    await relay.stop();
    await server?.close();
    await carrierConsumer.stop();
    await ordersConsumer.stop();
    await disruptionConsumer.stop();
    await infra.close();
    await pool.end();
  };
  try {
    await ensureTrackingStreams(nc, subjects);
    await partitions.run(new Date());
    await ordersConsumer.start();
    await disruptionConsumer.start();
    await carrierConsumer.start();
    relay.start();
    commands.start();
    scheduler.start();
    const { schema, sdl } = await buildTrackingSchema(pool, registration);
    const streamSchema = buildJourneyStreamSchema(nc, subjects, new JourneyQuery(pool));
    ({ server, presence } = await serveSubgraph(infra, env, {
      name: 'tracking',
      schema,
      sdl,
      packageVersion: await packageVersionBeside(import.meta.url),
      readiness: infra.readiness,
      mountRoutes: (app) => {
        mountCarrierEventsRoute(app, { jwt: infra.jwt, ingest, logger, maxEvents: env.MAX_BATCH_EVENTS });
        mountJourneyStream(app, streamSchema, infra.jwt);
      },
    }));
  } catch (error) {
    await shutdown();
    throw error;
  }
  return { url: server.url, pool, ingest, scheduler, commands, relay, partitions, subjects, registryVerdict: presence.verdict, close: shutdown };
}
export type TrackingApp = Awaited<ReturnType<typeof createTrackingApp>>;

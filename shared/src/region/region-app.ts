import type { EntityManager } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '../env.js';
import { buildFederatedSchema } from '../graphql/subgraph-schema.js';
import type { Logger } from '../logger.js';
import type { OrderEvent } from '../messaging/contracts.js';
import { CommandOutboxMigration } from '../commands/command-outbox.migration.js';
import { CoreCommandRecord } from '../commands/core-command.entity.js';
import { CoreCommandRelay, type CommandOutcomeHandlers, type CoreCommandRelayOptions } from '../commands/command-relay.js';
import type { DurableConsumerOptions } from '../messaging/durable-consumer.js';
import { ProcessedMessage } from '../messaging/processed-message.entity.js';
import type { MigrationClass, MikroORM } from '../persistence/orm.js';
import { openInfrastructure } from '../server/infrastructure.js';
import { schemaVersion } from '../federation/schema-version.js';
import { startServiceServer, type RunningServer } from '../server/service-server.js';
import { announceToRegistry, type RegistryPresence } from './registry-client.js';
import { createOrderEventsConsumer } from './order-events.consumer.js';
import { OrderIntakeService, placementCommandHandlers } from './order-intake.service.js';
import { orderReferenceResolver } from './order-reference.type.js';
import { createRegionalOrderQuery } from './regional-order.query.js';
import { RegionalOrder, RegionalOrderStatusEvent } from './regional-order.entity.js';
import { RegionBaseMigration } from './region-base.migration.js';
import { RegionEdgeAutonomyMigration } from './region-edge-autonomy.migration.js';
import { RegionRefusedDeliveriesMigration } from './region-refused-deliveries.migration.js';
import { RegionSummariesMigration } from './region-summaries.migration.js';
import { SummaryPublication } from './summary-publication.entity.js';
import { SummaryPublisher, type SummaryMetrics } from './summary-publisher.js';
import { OutboxEvent } from '../messaging/outbox-event.entity.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NoticeConsumer, type NoticeConsumerOptions, type ResolveRecipient } from '../notices/notice-consumer.js';
import { FileNoticeSender, type NoticeSender } from '../notices/notice-sender.js';
import { ensureTrackingStreams, trackingSubjectsFor } from '../notices/tracking-subjects.js';

/** What a region's resolvers may use. */
export interface RegionDependencies {
  orm: MikroORM;
  intake: OrderIntakeService;
  /** Call after a transaction that queued commands for core commits (`enqueueCoreCommand`), so the relay sends them at once. */
  commandsQueued: () => void;
  logger: Logger;
  region: string;
}

/** Everything that makes a region a region; the shared starter does the rest. */
export interface RegionDefinition {
  /** Lower-case region code, as in tokens and the core registry. */
  code: string;
  defaultPort: number;
  /** Registry facts for a region core does not know yet; a new region joins with them, no core change. */
  profile?: { displayName: string; defaultCurrency: string; timeZone: string };
  entities: NonNullable<Parameters<typeof openInfrastructure>[2]['entities']>;
  /** The region's own migrations, applied after the shared regional tables. */
  migrations: Record<string, MigrationClass>;
  resolvers: (dependencies: RegionDependencies) => NonEmptyArray<Function>;
  /** Region-specific reaction to core's order events, in the same transaction as the shared projection. */
  onOrderEvent?: (event: OrderEvent, em: EntityManager) => Promise<void>;
  /** Region-specific counters for the periodic summaries sent to the centre. */
  summaryMetrics?: SummaryMetrics;
  /** How the region reaches its customers for tracking's notices (from its own personal data); no notices without it. */
  noticeRecipient?: ResolveRecipient;
  /** What each of the region's command purposes records or undoes when core accepts or refuses it. */
  commandHandlers?: Record<string, CommandOutcomeHandlers>;
}

export const regionSchemaName = (code: string) => `region_${code}`;

export function readRegionEnv(definition: Pick<RegionDefinition, 'defaultPort'>, source: NodeJS.ProcessEnv = process.env) {
  return readEnv(baseEnvSchema.extend({
    PORT: portSchema(definition.defaultPort),
    /** The URL gateways reach this subgraph at, when it differs from the address it listens on. */
    PUBLIC_URL: z.url().optional(),
    /** Longest back-off between attempts at a command core did not take (core or NATS down); core's start-up notice cuts it short. */
    COMMAND_RETRY_MAX_MS: z.coerce.number().int().min(100).default(30_000),
    /** Length of a summary period (one hour), and how often the region recomputes and sends changed ones. */
    SUMMARY_PERIOD_MS: z.coerce.number().int().min(1_000).default(3_600_000),
    SUMMARY_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
    /** Where the default (file) notice sender appends the notices it sends; SMTP/SMS senders replace it in production. */
    NOTICE_FILE: z.string().optional(),
  }), source);
}
export type RegionEnv = ReturnType<typeof readRegionEnv>;

export interface RegionAppOptions {
  onOrderEventSettled?: DurableConsumerOptions<OrderEvent>['onSettled'];
  /** Called after each attempt to deliver a command to core; tests wait on it. */
  onCommandSettled?: CoreCommandRelayOptions['onSettled'];
  /** Where "now" comes from for placements; tests move it to place orders in the past. */
  clock?: () => Date;
  /** The region package's version, reported to the registry with its schema. */
  packageVersion?: string;
  /** Replaces the default file sender (tests, or an SMTP/SMS sender in production). */
  noticeSender?: NoticeSender;
  onNoticeSettled?: NoticeConsumerOptions['onSettled'];
}

/** Builds a region's subgraph schema; no I/O, so it also prints the SDL at build time. */
export function buildRegionSchema(definition: RegionDefinition, dependencies: RegionDependencies) {
  const resolvers = [...definition.resolvers(dependencies), createRegionalOrderQuery(definition.code, dependencies.orm)] as const;
  return buildFederatedSchema({ resolvers }, orderReferenceResolver);
}

/** Starts a regional subgraph: its own schema, the order-event consumer, the command relay to core and the HTTP server. */
export async function startRegion(definition: RegionDefinition, env: RegionEnv, options: RegionAppOptions = {}) {
  const name = `region-${definition.code}`;
  const schemaName = regionSchemaName(definition.code);
  const infra = await openInfrastructure(name, env, {
    schema: schemaName,
    entities: [RegionalOrder, RegionalOrderStatusEvent, ProcessedMessage, OutboxEvent, SummaryPublication, CoreCommandRecord, ...definition.entities],
    migrations: {
      RegionBaseMigration, RegionSummariesMigration, RegionRefusedDeliveriesMigration, CommandOutboxMigration, RegionEdgeAutonomyMigration,
      ...definition.migrations,
    },
  });
  const { orm, logger } = infra;
  const relay = new OutboxRelay({ nc: infra.nc, em: orm.em, logger, schema: schemaName });
  const summaries = new SummaryPublisher({
    orm, subjects: infra.subjects, region: definition.code, periodMs: env.SUMMARY_PERIOD_MS, lookbackPeriods: 24,
    onEventsQueued: () => relay.nudge(), ...(definition.summaryMetrics ? { metrics: definition.summaryMetrics } : {}),
  });
  const commands = new CoreCommandRelay({
    nc: infra.nc, orm, subjects: infra.subjects, logger, schema: schemaName, source: name,
    handlers: { ...placementCommandHandlers, ...definition.commandHandlers },
    retry: { baseMs: Math.min(500, env.COMMAND_RETRY_MAX_MS), maxMs: env.COMMAND_RETRY_MAX_MS },
    ...(options.onCommandSettled ? { onSettled: options.onCommandSettled } : {}),
  });
  const commandsQueued = () => commands.nudge();
  const intake = new OrderIntakeService(orm, definition.code, schemaName, commandsQueued, options.clock);
  const consumer = createOrderEventsConsumer(infra, definition.code, definition.onOrderEvent, options.onOrderEventSettled);
  const trackingSubjects = trackingSubjectsFor(env.NATS_NAMESPACE);
  const notices = definition.noticeRecipient ? new NoticeConsumer({
    nc: infra.nc, em: orm.em, logger, subjects: trackingSubjects, region: definition.code, resolveRecipient: definition.noticeRecipient,
    sender: options.noticeSender ?? new FileNoticeSender(env.NOTICE_FILE ?? join(tmpdir(), `hub-notices-${definition.code}.jsonl`), logger),
    ...(options.onNoticeSettled ? { onSettled: options.onNoticeSettled } : {}),
  }) : undefined;
  let summaryTimer: NodeJS.Timeout | undefined;
  const publishSummaries = () => summaries.publishDue().catch((error: unknown) => logger.warn({ err: error }, 'summary publication failed; retrying next interval'));
  let server: RunningServer | undefined;
  let presence: RegistryPresence | undefined;
  /** Stops whatever has started, newest first; the same path for a failed start-up and a normal close. */
  const shutdown = async () => {
    presence?.stop();
    clearInterval(summaryTimer);
    await commands.stop();
    await relay.stop();
    await server?.close();
    await consumer.stop();
    await notices?.stop();
    await infra.close();
  };
  try {
    await consumer.start();
    if (notices) {
      await ensureTrackingStreams(infra.nc, trackingSubjects);
      await notices.start();
    }
    commands.start();
    relay.start();
    summaryTimer = setInterval(() => void publishSummaries(), env.SUMMARY_INTERVAL_MS);
    void publishSummaries();
    const { schema, sdl } = await buildRegionSchema(definition, { orm, intake, commandsQueued, logger, region: definition.code });
    server = await startServiceServer({ name, schema, logger, jwt: infra.jwt, readiness: infra.readiness }, env.PORT, env.HOST);
    const region = definition.profile ? { code: definition.code, ...definition.profile } : undefined;
    presence = announceToRegistry(infra.nc, infra.subjects, logger, {
      name, url: env.PUBLIC_URL ?? `${server.url}/graphql`, sdl, version: schemaVersion(options.packageVersion ?? '0.0.0', sdl), ...(region ? { region } : {}),
    }, env.HEARTBEAT_INTERVAL_MS);
  } catch (error) {
    await shutdown();
    throw error;
  }
  return {
    url: server.url,
    orm,
    intake,
    consumer,
    registryVerdict: presence.verdict,
    summaries,
    relay,
    commands,
    close: shutdown,
  };
}
export type RegionApp = Awaited<ReturnType<typeof startRegion>>;

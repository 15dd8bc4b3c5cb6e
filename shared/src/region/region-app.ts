import type { EntityManager } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { OrderEvent } from '../messaging/contracts.js';
import { CoreClient } from '../messaging/core-client.js';
import type { DurableConsumerOptions } from '../messaging/durable-consumer.js';
import type { MigrationClass, MikroORM } from '../persistence/orm.js';
import {
  buildSubgraphSchemaOf, defineSubgraph, readSettings, startSubgraph, subgraphEnvSchema, type SettingsOf, type SubgraphContext, type SubgraphDefinition, type SubgraphEnv,
} from '../subgraph/subgraph-app.js';
import { createOrderEventsConsumer } from './order-events.consumer.js';
import { OrderIntakeService } from './order-intake.service.js';
import { orderReferenceResolver } from './order-reference.type.js';
import { RegionalOrder, RegionalOrderStatusEvent } from './regional-order.entity.js';
import { RegionBaseMigration } from './region-base.migration.js';
import { RegionRefusedDeliveriesMigration } from './region-refused-deliveries.migration.js';
import { RegionSummariesMigration } from './region-summaries.migration.js';
import { SummaryPublication } from './summary-publication.entity.js';
import { SummaryPublisher, type SummaryMetrics } from './summary-publisher.js';

/** Settings every region reads, beside every subgraph's. */
export const regionEnvSchema = z.object({
  /** How often registrations that failed (core or NATS down) are re-sent. */
  REGISTRATION_SWEEP_MS: z.coerce.number().int().min(100).default(5_000),
  /** Length of a summary period (one hour), and how often the region recomputes and sends changed ones. */
  SUMMARY_PERIOD_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  SUMMARY_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
});
export type RegionEnv = SubgraphEnv & z.infer<typeof regionEnvSchema>;

/** What a region's resolvers, jobs and plugins may use. */
export interface RegionDependencies<Env extends RegionEnv = RegionEnv> {
  orm: MikroORM;
  intake: OrderIntakeService;
  core: CoreClient;
  logger: Logger;
  region: string;
  env: Env;
  /** Everything the subgraph starter opened, for jobs and consumers that need NATS. */
  subgraph: SubgraphContext<Env>;
}

/** Everything that makes a region a region; the shared starter does the rest. */
export interface RegionDefinition<Settings extends z.ZodObject = z.ZodObject<{}>> extends Pick<
  SubgraphDefinition<Settings, RegionDependencies<RegionEnv & SettingsOf<Settings>>>, 'settings' | 'jobs' | 'plugins' | 'consumers' | 'readiness'
> {
  /** Lower-case region code, as in tokens and the core registry. */
  code: string;
  defaultPort: number;
  /** Registry facts for a region core does not know yet; a new region joins with them, no core change. */
  profile?: Omit<NonNullable<SubgraphDefinition['profile']>, 'code'>;
  entities: SubgraphDefinition['entities'];
  /** The region's own migrations, applied after the shared regional tables. */
  migrations: Record<string, MigrationClass>;
  resolvers: (dependencies: RegionDependencies<RegionEnv & SettingsOf<Settings>>) => NonEmptyArray<Function>;
  /** Region-specific reaction to core's order events, in the same transaction as the shared projection. */
  onOrderEvent?: (event: OrderEvent, em: EntityManager) => Promise<void>;
  /** Region-specific counters for the periodic summaries sent to the centre. */
  summaryMetrics?: SummaryMetrics;
}

export const regionSchemaName = (code: string) => `region_${code}`;

/** Reads the shared subgraph settings, every region's, and the region's own, reporting every problem at once. */
export function readRegionEnv<Settings extends z.ZodObject = z.ZodObject<{}>>(
  definition: Pick<RegionDefinition<Settings>, 'defaultPort' | 'settings'>,
  source: NodeJS.ProcessEnv = process.env,
): RegionEnv & SettingsOf<Settings> {
  return readSettings([subgraphEnvSchema(definition.defaultPort), regionEnvSchema, definition.settings], source);
}

export interface RegionAppOptions {
  onOrderEventSettled?: DurableConsumerOptions<OrderEvent>['onSettled'];
  /** The region package's version, reported to the registry with its schema. */
  packageVersion?: string;
}

/** A region as a subgraph: the shared regional tables, order intake, order events, registration sweep and summaries. */
export function regionSubgraph<Settings extends z.ZodObject>(definition: RegionDefinition<Settings>, options: RegionAppOptions = {}) {
  type Env = RegionEnv & SettingsOf<Settings>;
  type Deps = RegionDependencies<Env> & { summaries: SummaryPublisher };
  return defineSubgraph<z.ZodObject, Deps>({
    name: `region-${definition.code}`,
    defaultPort: definition.defaultPort,
    schemaName: regionSchemaName(definition.code),
    entities: [RegionalOrder, RegionalOrderStatusEvent, SummaryPublication, ...definition.entities],
    migrations: { RegionBaseMigration, RegionSummariesMigration, RegionRefusedDeliveriesMigration, ...definition.migrations },
    ...(definition.profile ? { profile: { code: definition.code, ...definition.profile } } : {}),
    dependencies(context) {
      const subgraph = context as SubgraphContext<Env>;
      const { orm, logger, env } = subgraph;
      const core = new CoreClient(subgraph.nc, subgraph.subjects);
      const summaries = new SummaryPublisher({
        orm, subjects: subgraph.subjects, region: definition.code, periodMs: env.SUMMARY_PERIOD_MS, lookbackPeriods: 24,
        onEventsQueued: () => subgraph.outbox.nudge(), ...(definition.summaryMetrics ? { metrics: definition.summaryMetrics } : {}),
      });
      return { orm, logger, env, core, summaries, subgraph, region: definition.code, intake: new OrderIntakeService(orm, core, definition.code, logger) };
    },
    resolvers: (deps) => definition.resolvers(deps),
    referenceResolvers: () => orderReferenceResolver,
    consumers: (deps) => [
      createOrderEventsConsumer(deps.subgraph, definition.code, definition.onOrderEvent, options.onOrderEventSettled),
      ...(definition.consumers?.(deps) ?? []),
    ],
    jobs: (deps) => [
      { name: 'registration sweep', intervalMs: deps.env.REGISTRATION_SWEEP_MS, run: () => deps.intake.registerPending(deps.env.REGISTRATION_SWEEP_MS) },
      { name: 'summaries', intervalMs: deps.env.SUMMARY_INTERVAL_MS, run: () => deps.summaries.publishDue() },
      ...(definition.jobs?.(deps) ?? []),
    ],
    plugins: (deps) => definition.plugins?.(deps) ?? [],
    readiness: (deps) => definition.readiness?.(deps) ?? {},
  });
}

/** Builds a region's subgraph schema; no I/O, so it also prints the SDL at build time. */
export function buildRegionSchema<Settings extends z.ZodObject>(definition: RegionDefinition<Settings>, dependencies: RegionDependencies<RegionEnv & SettingsOf<Settings>>) {
  return buildSubgraphSchemaOf(regionSubgraph(definition), { ...dependencies, summaries: undefined as never });
}

/** Starts a regional subgraph on the shared subgraph starter. */
export async function startRegion<Settings extends z.ZodObject>(definition: RegionDefinition<Settings>, env: RegionEnv & SettingsOf<Settings>, options: RegionAppOptions = {}) {
  const app = await startSubgraph(regionSubgraph(definition, options), env, options);
  return { ...app, intake: app.deps.intake, summaries: app.deps.summaries };
}
export type RegionApp = Awaited<ReturnType<typeof startRegion>>;

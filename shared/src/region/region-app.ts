import type { EntityManager } from '@mikro-orm/postgresql';
import type { NonEmptyArray } from 'type-graphql';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import type { OrderEvent } from '../messaging/contracts.js';
import { CommandOutboxMigration } from '../commands/command-outbox.migration.js';
import { CoreCommandRecord } from '../commands/core-command.entity.js';
import { CoreCommandRelay, type CommandOutcomeHandlers, type CoreCommandRelayOptions } from '../commands/command-relay.js';
import type { DurableConsumer, DurableConsumerOptions } from '../messaging/durable-consumer.js';
import type { MigrationClass, MikroORM } from '../persistence/orm.js';
import {
  buildSubgraphSchemaOf,
  defineSubgraph,
  readSettings,
  startSubgraph,
  subgraphEnvSchema,
  type SettingsOf,
  type SubgraphContext,
  type SubgraphDefinition,
  type SubgraphEnv,
} from '../subgraph/subgraph-app.js';
import { createOrderEventsConsumer } from './order-events.consumer.js';
import { OrderIntakeService, placementCommandHandlers } from './order-intake.service.js';
import { orderReferenceResolver } from './order-reference.type.js';
import { createRegionalOrderQuery } from './regional-order.query.js';
import { RegionalOrder, RegionalOrderStatusEvent } from './regional-order.entity.js';
import { RegionBaseMigration } from './region-base.migration.js';
import { RegionEdgeAutonomyMigration } from './region-edge-autonomy.migration.js';
import { RegionRefusedDeliveriesMigration } from './region-refused-deliveries.migration.js';
import { RegionSummariesMigration } from './region-summaries.migration.js';
import { RegionSummaryChangesMigration, RegionSummaryWindowMigration, RegionUnconfirmedIndexMigration } from './region-summary-window.migration.js';
import { SummaryPublication } from './summary-publication.entity.js';
import { SummaryPublisher, type SummaryMetrics } from './summary-publisher.js';
import { tmpdir } from 'node:os';
import { ForbiddenError } from '../errors.js';
import { join } from 'node:path';
import { NoticeConsumer, type NoticeConsumerOptions, type ResolveRecipient } from '../notices/notice-consumer.js';
import { resolveFromOrderContact, type RegionNotices } from './notice-recipient.js';
import type { NoticeRulesDecision } from '../notices/notice-rules.js';
import { loadNoticePreference, NoticePreferenceMigration, NoticePreferenceRecord } from '../notices/notice-preference.js';
import { FileNoticeSender, type NoticeSender } from '../notices/notice-sender.js';
import { CatalogueReplica, CatalogueReplicaItem, CatalogueReplicaMigration } from '../catalogue/replication/catalogue-replica.js';
import type { CatalogueChange } from '../catalogue/replication/catalogue-contracts.js';
import { PlacementPipeline, type PlacementRule, type PlacementStages } from './placement/placement-pipeline.js';
import { ensureTrackingStreams, trackingSubjectsFor } from '../notices/tracking-subjects.js';
import { jetStreamUseOf } from '../messaging/jetstream-use.js';
import { RulesReplica, RulesReplicaMigration, RulesReplicaRow } from '../rules/replication/rules-replica.js';
import type { RuleSetPublication } from '../rules/domain/rule.js';
import { RegionOrderRulesMigration } from './region-order-rules.migration.js';
import { createNoticePreferenceResolvers } from './notice-preference.resolver.js';
import { createOrderRulesHoldingsQuery } from './order-rules-holdings.query.js';
import { RegionPromotionsMigration } from './region-promotions.migration.js';
import { finalPaymentCommandHandlers, OrderPaymentService } from './promotions/order-payment.service.js';
import { createOrderPaymentResolvers } from './promotions/order-payment.resolver.js';
import { PointsAccount, PointsLedgerEntry } from './promotions/points-ledger.entity.js';
import { PresaleReminder } from './promotions/presale-reminder.entity.js';
import { PresaleReminderSweep } from './promotions/presale-reminder.sweep.js';

/** Settings every region reads, beside every subgraph's. */
export const regionEnvSchema = z.object({
  /** Longest back-off between attempts at a command core did not take (core or NATS down); core's start-up notice cuts it short. */
  COMMAND_RETRY_MAX_MS: z.coerce.number().int().min(100).default(30_000),
  /** Length of a summary period (one hour), and how often the region recomputes and sends changed ones. */
  SUMMARY_PERIOD_MS: z.coerce.number().int().min(1_000).default(3_600_000),
  SUMMARY_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Where the default (file) notice sender appends the notices it sends; SMTP/SMS senders replace it in production. */
  NOTICE_FILE: z.string().optional(),
  /** Keys the hash that groups a customer's orders to one address for low-carbon delivery; set a real secret in production. */
  ADDRESS_KEY_SECRET: z.string().min(32).default('development-only-address-key-change-me-0123456789'),
  /** How often due presale final-payment reminders are looked for (a reminder is late by at most this). */
  PRESALE_REMINDER_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
});
export type RegionEnv = SubgraphEnv & z.infer<typeof regionEnvSchema>;

/** What a region's resolvers, jobs and plugins may use. */
export interface RegionDependencies<Env extends RegionEnv = RegionEnv> {
  orm: MikroORM;
  intake: OrderIntakeService;
  /** Call after a transaction that queued commands for core commits (`enqueueCoreCommand`), so the relay sends them at once. */
  commandsQueued: () => void;
  logger: Logger;
  region: string;
  env: Env;
  /** Everything the subgraph starter opened, for jobs and consumers that need NATS. */
  subgraph: SubgraphContext<Env>;
  /** The region's own copy of the catalogue (replicated over NATS), which its placements are priced from. */
  catalogue: CatalogueReplica;
  /** The region's own copy of the order rules (replicated over NATS), which its placements are checked against in memory. */
  rules: RulesReplica;
  /** The region's placement slot as a pipeline (validate → price → rules → store); resolvers hand it each placement. */
  placement: PlacementPipeline;
  /** Where "now" comes from for placements. */
  clock: () => Date;
  /** Presale final payments and the points orders earn, kept in the region's own schema. */
  payments: OrderPaymentService;
}

/** Everything that makes a region a region; the shared starter does the rest. */
export interface RegionDefinition<Settings extends z.ZodObject = z.ZodObject<{}>> extends Pick<
  SubgraphDefinition<Settings, RegionDependencies<RegionEnv & SettingsOf<Settings>>>,
  'settings' | 'jobs' | 'plugins' | 'consumers' | 'readiness'
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
  /** How the region reaches its customers for tracking's notices (from its own personal data); no notices without it. */
  notices?: RegionNotices<any>;
  /** What each of the region's command purposes records or undoes when core accepts or refuses it. */
  commandHandlers?: Record<string, CommandOutcomeHandlers>;
  /**
   * The placement slot: the region's stages (validate, pricing facts, its own rules, store). The shared pipeline runs
   * them once per new idempotency key and prices the lines from the region's catalogue copy in between.
   */
  placement?: (dependencies: Omit<RegionDependencies<RegionEnv & SettingsOf<Settings>>, 'placement'>) => PlacementStages;
}

/** A region that declares no placement stages takes no orders: every placement is refused, naming why. */
const NO_PLACEMENT: PlacementStages = {
  validate: () => {
    throw new ForbiddenError('This region takes no orders: its definition has no placement stages');
  },
  pricing: () => {
    throw new ForbiddenError('This region takes no orders');
  },
  store: () => undefined,
};

export const regionSchemaName = (code: string) => `region_${code}`;

/** The migrations every region runs before its own, in order. */
export const REGION_MIGRATIONS: Record<string, MigrationClass> = {
  RegionBaseMigration,
  RegionSummariesMigration,
  RegionRefusedDeliveriesMigration,
  CommandOutboxMigration,
  RegionEdgeAutonomyMigration,
  CatalogueReplicaMigration,
  RulesReplicaMigration,
  RegionOrderRulesMigration,
  NoticePreferenceMigration,
  RegionSummaryWindowMigration,
  RegionPromotionsMigration,
  RegionSummaryChangesMigration,
  RegionUnconfirmedIndexMigration,
};

/** Reads the shared subgraph settings, every region's, and the region's own, reporting every problem at once. */
export function readRegionEnv<Settings extends z.ZodObject = z.ZodObject<{}>>(
  definition: Pick<RegionDefinition<Settings>, 'defaultPort' | 'settings'>,
  source: NodeJS.ProcessEnv = process.env,
): RegionEnv & SettingsOf<Settings> {
  return readSettings([subgraphEnvSchema(definition.defaultPort), regionEnvSchema, definition.settings], source);
}

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
  /** Called after each catalogue change the region's copy applied; tests wait on it. */
  onCatalogueApplied?: (change: CatalogueChange) => void;
  /** Rules plugged in after the region's own placement rules. */
  placementRules?: ReadonlyArray<PlacementRule<any, any>>;
  /** Called after each order-rules publication the region's copy applied; tests wait on it. */
  onRulesApplied?: (publication: RuleSetPublication) => void;
}

/** A region as a subgraph: the shared regional tables, order intake, the command relay to core, order events and summaries. */
export function regionSubgraph<Settings extends z.ZodObject>(definition: RegionDefinition<Settings>, options: RegionAppOptions = {}) {
  type Env = RegionEnv & SettingsOf<Settings>;
  type Deps = RegionDependencies<Env> & { summaries: SummaryPublisher; commands: CoreCommandRelay; orderEvents: DurableConsumer<OrderEvent> };
  return defineSubgraph<z.ZodObject, Deps>({
    name: `region-${definition.code}`,
    defaultPort: definition.defaultPort,
    schemaName: regionSchemaName(definition.code),
    entities: [
      RegionalOrder,
      RegionalOrderStatusEvent,
      SummaryPublication,
      CoreCommandRecord,
      CatalogueReplicaItem,
      RulesReplicaRow,
      NoticePreferenceRecord,
      PointsAccount,
      PointsLedgerEntry,
      PresaleReminder,
      ...definition.entities,
    ],
    migrations: { ...REGION_MIGRATIONS, ...definition.migrations },
    ...(definition.profile ? { profile: { code: definition.code, ...definition.profile } } : {}),
    dependencies(context) {
      const subgraph = context as SubgraphContext<Env>;
      const { orm, logger, env } = subgraph;
      const summaries = new SummaryPublisher({
        orm,
        subjects: subgraph.subjects,
        region: definition.code,
        periodMs: env.SUMMARY_PERIOD_MS,
        lookbackPeriods: 24,
        onEventsQueued: () => subgraph.outbox.nudge(),
        ...(definition.summaryMetrics ? { metrics: definition.summaryMetrics } : {}),
      });
      const commands = new CoreCommandRelay({
        nc: subgraph.nc,
        orm,
        subjects: subgraph.subjects,
        logger,
        schema: regionSchemaName(definition.code),
        source: subgraph.name,
        handlers: { ...placementCommandHandlers, ...finalPaymentCommandHandlers, ...definition.commandHandlers },
        retry: { baseMs: Math.min(500, env.COMMAND_RETRY_MAX_MS), maxMs: env.COMMAND_RETRY_MAX_MS },
        ...(options.onCommandSettled ? { onSettled: options.onCommandSettled } : {}),
      });
      const commandsQueued = () => commands.nudge();
      const clock = options.clock ?? (() => new Date());
      const intake = new OrderIntakeService(orm, definition.code, regionSchemaName(definition.code), commandsQueued, clock);
      const orderEvents = createOrderEventsConsumer(subgraph, definition.code, definition.onOrderEvent, options.onOrderEventSettled);
      const catalogue = new CatalogueReplica({
        nc: subgraph.nc,
        orm,
        logger,
        namespace: env.NATS_NAMESPACE,
        service: subgraph.name,
        schema: regionSchemaName(definition.code),
        ...(options.onCatalogueApplied ? { onApplied: options.onCatalogueApplied } : {}),
      });
      const rules = new RulesReplica({
        nc: subgraph.nc,
        orm,
        logger,
        namespace: env.NATS_NAMESPACE,
        service: subgraph.name,
        schema: regionSchemaName(definition.code),
        ...(options.onRulesApplied ? { onApplied: options.onRulesApplied } : {}),
      });
      const payments = new OrderPaymentService(orm, definition.code, commandsQueued, clock);
      const base = {
        orm,
        logger,
        env,
        summaries,
        commands,
        commandsQueued,
        intake,
        orderEvents,
        subgraph,
        region: definition.code,
        catalogue,
        rules,
        clock,
        payments,
      };
      const placement = new PlacementPipeline(
        {
          intake,
          region: definition.code,
          catalogue: () => catalogue.current(),
          clock,
          ...(options.placementRules ? { rules: options.placementRules } : {}),
          orderRules: { book: rules, mayBeBehind: () => rules.mayBeBehind() },
          addressKeySecret: env.ADDRESS_KEY_SECRET,
        },
        definition.placement?.(base) ?? NO_PLACEMENT,
      );
      return { ...base, placement };
    },
    resolvers: (deps) => [
      ...definition.resolvers(deps),
      createRegionalOrderQuery(definition.code, deps.orm),
      createOrderRulesHoldingsQuery(definition.code, deps.rules),
      createNoticePreferenceResolvers(definition.code, deps.orm),
      createOrderPaymentResolvers(definition.code, deps.orm, deps.payments),
    ],
    referenceResolvers: () => orderReferenceResolver,
    consumers: (deps) => [
      deps.catalogue,
      deps.rules,
      deps.commands,
      deps.orderEvents,
      ...(definition.notices
        ? [noticeConsumer(deps.subgraph as SubgraphContext<Env>, definition.code, resolveFromOrderContact(definition.notices), options)]
        : []),
      ...(definition.consumers?.(deps) ?? []),
    ],
    jobs: (deps) => [
      { name: 'summaries', intervalMs: deps.env.SUMMARY_INTERVAL_MS, run: () => deps.summaries.publishDue() },
      // Reminders travel the notice path, which only a region that can reach its customers (`notices`) consumes.
      ...(definition.notices
        ? [{ name: 'presale-reminders', intervalMs: deps.env.PRESALE_REMINDER_INTERVAL_MS, run: () => presaleReminders(deps).run() }]
        : []),
      ...(definition.jobs?.(deps) ?? []),
    ],
    plugins: (deps) => definition.plugins?.(deps) ?? [],
    // The catalogue copy is a dependency like the database: a region without prices it stands behind takes no traffic.
    readiness: (deps) => ({ catalogue: () => deps.catalogue.readiness(), ...definition.readiness?.(deps) }),
  });
}

/** The sweep that reminds customers of a presale's final payment, through the region's outbox onto its own notice subject. */
function presaleReminders(deps: RegionDependencies) {
  return new PresaleReminderSweep({
    orm: deps.orm,
    logger: deps.logger,
    region: deps.region,
    subjects: trackingSubjectsFor(deps.env.NATS_NAMESPACE),
    clock: deps.clock,
    onQueued: () => deps.subgraph.outbox.nudge(),
  });
}

/** Tracking's notice intents for this region's customers, sent with the contact the region alone holds. */
function noticeConsumer(subgraph: SubgraphContext<RegionEnv>, region: string, resolveRecipient: ResolveRecipient, options: RegionAppOptions) {
  const subjects = trackingSubjectsFor(subgraph.env.NATS_NAMESPACE);
  const notices = new NoticeConsumer({
    nc: subgraph.nc,
    em: subgraph.orm.em,
    logger: subgraph.logger,
    subjects,
    region,
    resolveRecipient,
    preferences: loadNoticePreference,
    noticeRules: noticeRulesOf,
    sender: options.noticeSender ?? new FileNoticeSender(subgraph.env.NOTICE_FILE ?? join(tmpdir(), `hub-notices-${region}.jsonl`), subgraph.logger),
    ...(options.onNoticeSettled ? { onSettled: options.onNoticeSettled } : {}),
  });
  return {
    async start() {
      await ensureTrackingStreams(subgraph.nc, subjects, jetStreamUseOf({ name: subgraph.name, kind: 'region' }, subgraph.env.NATS_NAMESPACE));
      await notices.start();
    },
    stop: () => notices.stop(),
  };
}

/** The notification rules' decision the region stored with the order at placement; null: none decided. */
async function noticeRulesOf(orderId: string, em: EntityManager): Promise<NoticeRulesDecision | null> {
  const order = await em.findOne(RegionalOrder, { orderId }, { fields: ['rulesHandledWith'] });
  return order?.rulesHandledWith?.notification ?? null;
}

/** Builds a region's subgraph schema; no I/O, so it also prints the SDL at build time. */
export function buildRegionSchema<Settings extends z.ZodObject>(
  definition: RegionDefinition<Settings>,
  dependencies: RegionDependencies<RegionEnv & SettingsOf<Settings>>,
) {
  return buildSubgraphSchemaOf(regionSubgraph(definition), {
    ...dependencies,
    summaries: undefined as never,
    commands: undefined as never,
    orderEvents: undefined as never,
  });
}

/** Starts a regional subgraph on the shared subgraph starter. */
export async function startRegion<Settings extends z.ZodObject>(
  definition: RegionDefinition<Settings>,
  env: RegionEnv & SettingsOf<Settings>,
  options: RegionAppOptions = {},
) {
  const app = await startSubgraph(regionSubgraph(definition, options), env, options);
  const { intake, summaries, commands, orderEvents: consumer, catalogue, rules } = app.deps;
  return { ...app, intake, summaries, commands, consumer, catalogue, rules };
}
export type RegionApp = Awaited<ReturnType<typeof startRegion>>;

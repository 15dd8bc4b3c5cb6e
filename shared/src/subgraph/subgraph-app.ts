import type { ApolloServerPlugin } from '@apollo/server';
import type { NonEmptyArray } from 'type-graphql';
import { z } from 'zod';
import { baseEnvSchema, EnvironmentError, portSchema, readEnv } from '../env.js';
import type { RequestContext } from '../graphql/context.js';
import { buildFederatedSchema, type ReferenceResolvers } from '../graphql/subgraph-schema.js';
import { OutboxEvent } from '../messaging/outbox-event.entity.js';
import { OutboxRelay } from '../messaging/outbox-relay.js';
import { ProcessedMessage } from '../messaging/processed-message.entity.js';
import type { MigrationClass } from '../persistence/orm.js';
import type { RegisterSubgraphRequest } from '../messaging/registry-contracts.js';
import { openInfrastructure, type Infrastructure } from '../server/infrastructure.js';
import type { ReadinessChecks } from '../server/service-server.js';
import { serveSubgraph } from './serve-subgraph.js';
import { SubgraphMessagingMigration } from './subgraph-messaging.migration.js';

/** Settings every subgraph reads, beside the base ones. */
export const subgraphEnvSchema = (defaultPort: number) =>
  baseEnvSchema.extend({
    PORT: portSchema(defaultPort),
    /** The URL gateways reach this subgraph at, when it differs from the address it listens on. */
    PUBLIC_URL: z.url().optional(),
  });
export type SubgraphEnv = z.infer<ReturnType<typeof subgraphEnvSchema>>;
/** The settings a schema adds to the environment; nothing for a subgraph without its own. */
export type SettingsOf<Settings extends z.ZodObject> = z.infer<Settings> extends Record<string, never> ? {} : z.infer<Settings>;

/** What is open once a subgraph has started: the infrastructure, its settings, and its outbox relay. */
export interface SubgraphContext<Env extends SubgraphEnv = SubgraphEnv> extends Omit<Infrastructure, 'close'> {
  name: string;
  env: Env;
  /** Publishes the subgraph's outbox; call `nudge()` after committing outbox rows. */
  outbox: OutboxRelay;
}

/** Something with a life cycle the starter runs: NATS consumers, mostly. */
export interface Startable {
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/** Work repeated on an interval (sweeps, retention, summaries); runs once at start-up, then every interval. */
export interface BackgroundJob {
  name: string;
  intervalMs: number;
  run(): Promise<unknown>;
}

/**
 * Everything that makes a subgraph this subgraph; `startSubgraph` does the rest (database and migrations,
 * NATS, outbox relay, HTTP server, registry, graceful shutdown). `Settings` are its own environment
 * variables; `Deps` what its resolvers, consumers and jobs are built from.
 */
export interface SubgraphDefinition<Settings extends z.ZodObject = z.ZodObject<{}>, Deps = SubgraphContext<SubgraphEnv & SettingsOf<Settings>>> {
  /** The subgraph's name in the supergraph and the registry, as in its package.json `hub.subgraph`. */
  name: string;
  defaultPort: number;
  /** The PostgreSQL schema the subgraph owns; no other service reads or writes it. */
  schemaName: string;
  entities: NonNullable<Parameters<typeof openInfrastructure>[2]['entities']>;
  migrations: Record<string, MigrationClass>;
  /** The subgraph's own environment variables, validated with the shared ones and reported together. */
  settings?: Settings;
  /** Builds the use cases once everything is open; the default is the context itself. */
  dependencies?(context: SubgraphContext<SubgraphEnv & SettingsOf<Settings>>): Deps | Promise<Deps>;
  resolvers(deps: Deps): NonEmptyArray<Function>;
  /** `__resolveReference` per entity type, merged into the schema. */
  referenceResolvers?(deps: Deps): ReferenceResolvers;
  consumers?(deps: Deps): Startable[];
  jobs?(deps: Deps): BackgroundJob[];
  plugins?(deps: Deps): ApolloServerPlugin<RequestContext>[];
  /** Checks `/ready` runs beside the database and NATS. */
  readiness?(deps: Deps): ReadinessChecks;
  /** Registry facts for a region core does not know yet: it joins with them, no core change. */
  profile?: RegisterSubgraphRequest['region'];
}

/** Declares a subgraph with its types inferred; no behaviour. */
export const defineSubgraph = <Settings extends z.ZodObject = z.ZodObject<{}>, Deps = SubgraphContext<SubgraphEnv & SettingsOf<Settings>>>(
  definition: SubgraphDefinition<Settings, Deps>,
) => definition;

/**
 * Parses several settings schemas from one environment and reports every problem of all of them at once;
 * each schema keeps its own refinements.
 */
export function readSettings<T>(schemas: Array<z.ZodObject | undefined>, source: NodeJS.ProcessEnv = process.env): T {
  const problems: string[] = [];
  let settings = {};
  for (const schema of schemas) {
    if (!schema) continue;
    try {
      settings = { ...settings, ...readEnv(schema, source) };
    } catch (error) {
      if (!(error instanceof EnvironmentError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new EnvironmentError(problems);
  return settings as T;
}

/** The shared subgraph settings and the subgraph's own. */
export function readSubgraphEnv<Settings extends z.ZodObject = z.ZodObject<{}>>(
  definition: { defaultPort: number; settings?: Settings },
  source: NodeJS.ProcessEnv = process.env,
): SubgraphEnv & SettingsOf<Settings> {
  return readSettings([subgraphEnvSchema(definition.defaultPort), definition.settings], source);
}

export interface StartSubgraphOptions {
  /** The package's version, reported to the registry with its schema. */
  packageVersion?: string;
}

/** Builds a subgraph's schema from its resolvers; no I/O, so it also prints the SDL at build time. */
export function buildSubgraphSchemaOf<Settings extends z.ZodObject, Deps>(definition: SubgraphDefinition<Settings, Deps>, deps: Deps) {
  return buildFederatedSchema({ resolvers: definition.resolvers(deps) }, definition.referenceResolvers?.(deps) ?? {});
}

/**
 * Starts a subgraph: opens its database (migrated) and NATS, starts its outbox relay, consumers and jobs,
 * serves its schema, and announces it to core's registry. A failed start-up and a normal close take the
 * same shutdown path, newest first.
 */
export async function startSubgraph<Settings extends z.ZodObject, Deps>(
  definition: SubgraphDefinition<Settings, Deps>,
  env: SubgraphEnv & SettingsOf<Settings>,
  options: StartSubgraphOptions = {},
) {
  const infra = await openInfrastructure(definition.name, env, {
    schema: definition.schemaName,
    entities: [ProcessedMessage, OutboxEvent, ...definition.entities],
    migrations: { ...definition.migrations, SubgraphMessagingMigration },
  });
  const outbox = new OutboxRelay({ nc: infra.nc, em: infra.orm.em, logger: infra.logger, schema: definition.schemaName });
  const context: SubgraphContext<SubgraphEnv & SettingsOf<Settings>> = { ...infra, name: definition.name, env, outbox };
  const stops: Array<() => unknown> = [() => infra.close()];
  const shutdown = async () => {
    for (const stop of stops.reverse()) await stop();
  };
  try {
    const deps = definition.dependencies ? await definition.dependencies(context) : (context as Deps);
    outbox.start();
    stops.push(() => outbox.stop());
    for (const consumer of definition.consumers?.(deps) ?? []) {
      await consumer.start();
      stops.push(() => consumer.stop());
    }
    for (const job of definition.jobs?.(deps) ?? []) stops.push(scheduleJob(job, context).stop);
    const { schema, sdl } = await buildSubgraphSchemaOf(definition, deps);
    const readiness: ReadinessChecks = { ...infra.readiness, ...definition.readiness?.(deps) };
    const { server, presence } = await serveSubgraph(infra, env, {
      name: definition.name,
      schema,
      sdl,
      packageVersion: options.packageVersion ?? '0.0.0',
      readiness,
      plugins: definition.plugins?.(deps) ?? [],
      ...(definition.profile ? { profile: definition.profile } : {}),
    });
    stops.push(
      () => server.close(),
      () => presence.stop(),
    );
    return { url: server.url, orm: infra.orm, deps, outbox, registryVerdict: presence.verdict, close: shutdown };
  } catch (error) {
    await shutdown();
    throw error;
  }
}
export type SubgraphApp<Deps = unknown> = Awaited<ReturnType<typeof startSubgraph<z.ZodObject, Deps>>>;

/** Runs a job now and every interval; a failed run is logged and retried on the next tick, and runs never overlap. */
function scheduleJob(job: BackgroundJob, context: SubgraphContext): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = job
      .run()
      .then(
        () => undefined,
        (error: unknown) => {
          context.logger.warn({ err: error, job: job.name }, 'background job failed; retrying on the next run');
        },
      )
      .finally(() => {
        busy = false;
      });
  };
  const first = setTimeout(tick, 0);
  const timer = setInterval(tick, job.intervalMs);
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}

import type { NatsConnection } from '@nats-io/transport-node';
import type { BaseEnv } from '../env.js';
import { createLogger, type Logger } from '../logger.js';
import { assertNatsRefusesAnonymous, connectNats, ensureStreams, natsAuthOf } from '../messaging/nats.js';
import { jetStreamUseOf } from '../messaging/jetstream-use.js';
import { useJetStreamDomain } from '../messaging/jetstream-domain.js';
import { subjectsFor, type Subjects } from '../messaging/subjects.js';
import type { HubKind } from '../workspace/hub-workspaces.js';
import { closeDatabase } from '../persistence/close-database.js';
import { openDatabase, type DatabaseOptions, type MikroORM } from '../persistence/orm.js';
import { jwtSettingsOf, type JwtSettings } from '../auth/jwt.js';
import { outboxBacklogSql, outboxProbes, poolProbe, probedGauges } from './metrics.js';
import { serverSecurityOf, type ReadinessChecks, type ServerSecurity } from './service-server.js';
import { flushPendingTraces } from '../telemetry/trace-context.js';

export interface Infrastructure {
  logger: Logger;
  orm: MikroORM;
  nc: NatsConnection;
  subjects: Subjects;
  jwt: JwtSettings;
  security: ServerSecurity;
  readiness: ReadinessChecks;
  /** Drains NATS (finishing in-flight handlers) and closes the database pool. */
  close(): Promise<void>;
}

/**
 * What every service opens at start-up: logger, its own database schema (migrated), NATS and core's streams as far
 * as the service uses them (`jetStreamUseOf`; its NATS permissions allow no more). `kind` defaults to what the name
 * says: `region-…` a region, anything else a domain subgraph; core says so.
 */
export async function openInfrastructure(
  name: string,
  env: BaseEnv,
  database: Omit<DatabaseOptions, 'clientUrl'>,
  kind: HubKind = name.startsWith('region-') ? 'region' : 'domain',
): Promise<Infrastructure> {
  const logger = createLogger(name, env.LOG_LEVEL);
  if (env.NODE_ENV === 'production') await assertNatsRefusesAnonymous(env.NATS_URL, natsAuthOf(env));
  const orm = await openDatabase({ ...database, clientUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_MAX ?? database.poolSize });
  const nc = await connectNats(env.NATS_URL, name, natsAuthOf(env)).catch(async (error: unknown) => {
    await closeDatabase(orm);
    throw error;
  });
  useJetStreamDomain(nc, env.NATS_JS_DOMAIN);
  const subjects = subjectsFor(env.NATS_NAMESPACE);
  await ensureStreams(nc, subjects, jetStreamUseOf({ name, kind }, env.NATS_NAMESPACE));
  const stopProbes = probeDatabase(name, orm, database.schema);
  return {
    logger,
    orm,
    nc,
    subjects,
    jwt: jwtSettingsOf(env),
    security: serverSecurityOf(env),
    readiness: {
      database: () => orm.em.getConnection().execute('select 1'),
      nats: () => nc.flush(),
    },
    async close() {
      stopProbes();
      await nc.drain().catch(() => undefined);
      await closeDatabase(orm);
    },
  };
}

/**
 * The database gauges of a service, read at scrape time: its pool, and the outbox every service keeps in
 * its schema (backlog and oldest unpublished age, one bounded indexed query).
 */
function probeDatabase(name: string, orm: MikroORM, schema: string): () => void {
  const outbox = outboxProbes(name, async () => {
    const [row] = await orm.em.getConnection().execute<Array<{ backlog: number; age: number }>>(outboxBacklogSql(schema));
    return { backlog: row?.backlog ?? 0, age: row?.age ?? 0 };
  });
  const stops = [
    probedGauges.pool.add(
      name,
      poolProbe(name, () => orm.em.getConnection().getNativeClient()),
    ),
    probedGauges.outboxBacklog.add(name, outbox.backlog),
    probedGauges.outboxAge.add(name, outbox.age),
  ];
  return () => stops.forEach((stop) => stop());
}

/**
 * Runs a service until SIGINT/SIGTERM, then closes it gracefully: stop taking requests, finish those in
 * flight, drain NATS, close the database. A second signal, or 15 s, forces the exit.
 */
export function runUntilSignalled(start: () => Promise<{ close(): Promise<void> }>, logger: Logger): void {
  start().then(
    (app) => {
      let closing = false;
      const shutdown = (signal: string) => {
        if (closing) process.exit(1);
        closing = true;
        logger.info({ signal }, 'shutting down');
        setTimeout(() => process.exit(1), 15_000).unref();
        app
          .close()
          .then(flushPendingTraces)
          .then(
            () => process.exit(0),
            (error: unknown) => {
              logger.error({ err: error }, 'shutdown failed');
              process.exit(1);
            },
          );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (error: unknown) => {
      logger.fatal({ err: error, message: error instanceof Error ? error.message : undefined }, 'start-up failed');
      process.exit(1);
    },
  );
}

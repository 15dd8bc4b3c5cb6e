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
  database: Omit<DatabaseOptions, 'clientUrl' | 'applicationName'>,
  kind: HubKind = name.startsWith('region-') ? 'region' : 'domain',
): Promise<Infrastructure> {
  const logger = createLogger(name, env.LOG_LEVEL);
  if (env.NODE_ENV === 'production') await assertNatsRefusesAnonymous(env.NATS_URL, natsAuthOf(env));
  const orm = await openDatabase({ ...database, clientUrl: env.DATABASE_URL, poolSize: env.DATABASE_POOL_MAX ?? database.poolSize, applicationName: name });
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

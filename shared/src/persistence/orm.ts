import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import pg from 'pg';
import { Migration20261203070200TraceContext } from './trace-context.migration.js';
import { Migration20261203230000CommandDueIndex } from '../commands/command-due-index.migration.js';

export type { MikroORM };
export type MigrationClass = new (...args: ConstructorParameters<typeof Migration>) => Migration;

export interface DatabaseOptions {
  clientUrl: string;
  /** The PostgreSQL schema this service owns; no other service reads or writes it. */
  schema: string;
  entities: NonNullable<Options['entities']>;
  migrations: Record<string, MigrationClass>;
  poolSize?: number;
  /**
   * The name each connection gives PostgreSQL (`application_name`): `pg_stat_activity`, lock waits and the server's
   * log name the service behind a statement, which one database shared by every service otherwise hides.
   */
  applicationName?: string;
}

/**
 * Opens the service's database and brings its schema up to date with its own migrations
 * (never `schema.update`), creating the database on a fresh machine.
 */
export async function openDatabase(options: DatabaseOptions): Promise<MikroORM> {
  await ensureDatabaseExists(options.clientUrl);
  const orm = await MikroORM.init({
    clientUrl: options.clientUrl,
    schema: options.schema,
    entities: options.entities,
    extensions: [Migrator],
    pool: { min: 0, max: options.poolSize ?? 10 },
    ...(options.applicationName ? { driverOptions: { application_name: options.applicationName } } : {}),
    migrations: {
      schema: options.schema,
      tableName: 'schema_migrations',
      snapshot: false,
      silent: true,
      transactional: true,
      allOrNothing: true,
      // Last: they change the outbox and command tables whichever of the service's own migrations created them.
      migrationsList: Object.entries({ ...options.migrations, Migration20261203070200TraceContext, Migration20261203230000CommandDueIndex }).map(
        ([name, migrationClass]) => ({
          name,
          class: migrationClass,
        }),
      ),
    },
    allowGlobalContext: false,
    ignoreUndefinedInQuery: true,
  });
  await orm.em.getConnection().execute(`create schema if not exists "${options.schema}"`);
  await orm.migrator.up();
  return orm;
}

/** Creates the database named in the URL when it is missing (a fresh machine, or a test run's own database). */
export async function ensureDatabaseExists(clientUrl: string): Promise<void> {
  const url = new URL(clientUrl);
  const database = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`create database "${database.replaceAll('"', '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04' && error.code !== '23505') throw error; // created concurrently by a sibling service
      });
    }
  } finally {
    await client.end();
  }
}

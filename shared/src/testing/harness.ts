import { randomBytes } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import pg from 'pg';
import { mintToken, type JwtSettings } from '../auth/jwt.js';
import type { Principal } from '../auth/principal.js';
import { baseEnvSchema, type BaseEnv } from '../env.js';
import { natsAuthOf, natsAuthOptions, natsServersOf } from '../messaging/nats.js';

/**
 * An isolated corner of the shared PostgreSQL and NATS servers for one test file: its own database and its
 * own subject namespace, so test files run in parallel and leave nothing behind.
 */
export interface TestScope {
  env: BaseEnv;
  token(principal: Principal): Promise<string>;
  dispose(): Promise<void>;
  /** What of the scope still exists (its database, its namespace's streams): empty after `dispose`. For benches' clean-up checks. */
  leftovers(): Promise<string[]>;
}

export function createTestScope(label: string): TestScope {
  const suffix = randomBytes(4).toString('hex');
  const base = baseEnvSchema.parse({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' });
  const databaseUrl = new URL(base.DATABASE_URL);
  databaseUrl.pathname = `/hub_test_${label.replaceAll('-', '_')}_${suffix}`;
  const env: BaseEnv = { ...base, DATABASE_URL: databaseUrl.toString(), NATS_NAMESPACE: `t${label.replaceAll('-', '_')}_${suffix}` };
  const jwt: JwtSettings = { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  return {
    env,
    token: (principal) => mintToken(jwt, principal, '1h'),
    async dispose() {
      await dropDatabase(env.DATABASE_URL);
      await deleteStreams(env);
    },
    async leftovers() {
      const database = (await databaseExists(env.DATABASE_URL)) ? [`database ${new URL(env.DATABASE_URL).pathname.slice(1)}`] : [];
      return [...database, ...(await streamsOf(env)).map((name) => `stream ${name}`)];
    },
  };
}

async function databaseExists(url: string): Promise<boolean> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return ((await client.query('select 1 from pg_database where datname = $1', [database])).rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

async function streamsOf(env: BaseEnv): Promise<string[]> {
  const nc = await connectTestNats(env, 'test-cleanup-check');
  try {
    const jsm = await jetstreamManager(nc);
    const names: string[] = [];
    for await (const name of jsm.streams.names()) if (name.startsWith(`${env.NATS_NAMESPACE.toUpperCase()}_`)) names.push(name);
    return names;
  } finally {
    await nc.close();
  }
}

async function dropDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const database = target.pathname.slice(1);
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
}

/**
 * A test driver's own NATS connection, which stands in for other services (a region sending commands, a carrier
 * publishing events): on the hub's generated server it is the test identity (`NATS_USER` set by `npm test`).
 */
export async function connectTestNats(env: BaseEnv, name = 'test-driver'): Promise<NatsConnection> {
  return connect({ servers: natsServersOf(env.NATS_URL), name, ...natsAuthOptions(natsAuthOf(env)) });
}

async function deleteStreams(env: BaseEnv): Promise<void> {
  const namespace = env.NATS_NAMESPACE;
  const nc = await connectTestNats(env, 'test-cleanup');
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${namespace.toUpperCase()}_`)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}

/** Posts a GraphQL operation the way a client does, and returns the parsed body with the HTTP status. */
export async function postGraphQL<T = any>(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
  return { status: response.status, ...body };
}

/**
 * Resolves when `predicate` holds for a value pushed to the returned `push`; for waiting on events, not time. The
 * bound only decides how long a failing test takes to say so: generous, since the clock runs from the call, and on a
 * busy machine the work the test does before the event (seeding, several HTTP calls) can take many seconds.
 */
export function waitFor<T>(predicate: (value: T) => boolean, timeoutMs = 30_000) {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const timer = setTimeout(() => reject(new Error('condition not met in time')), timeoutMs);
  return {
    done,
    push(value: T) {
      if (predicate(value)) {
        clearTimeout(timer);
        resolve(value);
      }
    },
  };
}

/**
 * Re-reads state owned by another process until it satisfies `done`. Used only where no event reaches the
 * test (another process's database); bounded, and fails with the last value seen.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, { attempts = 100, intervalMs = 100 } = {}): Promise<T> {
  let last: T | undefined;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`condition not met; last value: ${JSON.stringify(last)}`);
}

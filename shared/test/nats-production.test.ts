import { baseEnvSchema } from '../src/env.js';
import { AnonymousNatsError, assertNatsRefusesAnonymous } from '../src/messaging/nats.js';
import { openInfrastructure } from '../src/server/infrastructure.js';

/** Production refuses a NATS that lets anyone in: with it, any neighbour could re-route a region's orders. */
const env = baseEnvSchema.parse({ ...process.env, NODE_ENV: 'test' });

it('finds that the development NATS admits anonymous clients', async () => {
  await expect(assertNatsRefusesAnonymous(env.NATS_URL)).rejects.toBeInstanceOf(AnonymousNatsError);
});

it('a service in production mode refuses to start against it, with a clear error', async () => {
  const production = { ...env, NODE_ENV: 'production' as const, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/never-opened' };
  await expect(openInfrastructure('probe', production, { schema: 'probe', entities: [], migrations: {} })).rejects.toThrow(/lets clients in without credentials/);
});

it('an unreachable NATS is not mistaken for an open one', async () => {
  await expect(assertNatsRefusesAnonymous('nats://127.0.0.1:1')).resolves.toBeUndefined();
});

import { baseEnvSchema } from '../src/env.js';
import { AnonymousNatsError, assertNatsRefusesAnonymous } from '../src/messaging/nats.js';
import { openInfrastructure } from '../src/server/infrastructure.js';
import { NATS_SERVER_BINARY, startOpenNats, startPrivateNats } from '../src/testing/private-nats.js';

/** Production refuses a NATS that lets anyone in: with it, any neighbour could re-route a region's orders. */
const describeWithServer = NATS_SERVER_BINARY ? describe : describe.skip;
const env = baseEnvSchema.parse({ ...process.env, NODE_ENV: 'test' });
// Never reached: the NATS check comes first, and a database that refuses at once keeps the test fast.
const production = { ...env, NODE_ENV: 'production' as const, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/never-opened' };
const openProbe = (settings: typeof production) => openInfrastructure('probe', settings, { schema: 'probe', entities: [], migrations: {} });

describeWithServer('a NATS that admits anonymous clients', () => {
  let open: Awaited<ReturnType<typeof startOpenNats>>;
  beforeAll(async () => {
    open = await startOpenNats();
  });
  afterAll(() => open?.dispose());

  it('is found out by connecting without credentials', async () => {
    await expect(assertNatsRefusesAnonymous(open.url)).rejects.toBeInstanceOf(AnonymousNatsError);
  });

  it('makes a service in production mode refuse to start, with a clear error', async () => {
    await expect(openProbe({ ...production, NATS_URL: open.url })).rejects.toThrow(/lets clients in without credentials/);
  });
});

describeWithServer("the hub's generated NATS", () => {
  it('passes the production check: it refuses clients without credentials', async () => {
    const nats = await startPrivateNats([{ name: 'region-cn', kind: 'region' }]);
    try {
      await expect(assertNatsRefusesAnonymous(nats.url)).resolves.toBeUndefined();
    } finally {
      await nats.dispose();
    }
  });
});

it('an unreachable NATS is not mistaken for an open one', async () => {
  await expect(assertNatsRefusesAnonymous('nats://127.0.0.1:1')).resolves.toBeUndefined();
});

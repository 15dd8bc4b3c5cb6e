import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { mintCompactToken } from '../src/auth/cwt.js';
import { mintToken, type JwtSettings } from '../src/auth/jwt.js';
import type { Principal } from '../src/auth/principal.js';
import { createLogger } from '../src/logger.js';
import { operationLimitsOf, operationLimitsEnvShape } from '../src/server/operation-limits.js';
import { startServiceServer, type RunningServer } from '../src/server/service-server.js';
import { postGraphQL } from '../src/testing/harness.js';

/** The shared server every subgraph runs on: schema disclosure in production, and readiness that tells the truth. */
const jwt: JwtSettings = { secret: 'a-production-secret-for-this-test-only-0123', issuer: 'hub', audience: 'hub' };
const schema = buildSubgraphSchema([
  {
    typeDefs: parse('extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { hello: String }'),
    resolvers: { Query: { hello: () => 'hi' } },
  },
]);
const limits = operationLimitsOf(Object.fromEntries(Object.entries(operationLimitsEnvShape).map(([key, value]) => [key, value.parse(undefined)])) as never);
const servers: RunningServer[] = [];
const start = async (production: boolean, readiness: Record<string, () => Promise<unknown>> = {}) => {
  const server = await startServiceServer(
    {
      name: 'test',
      schema,
      logger: createLogger('test', 'silent'),
      jwt,
      readiness,
      security: { production, limits, maxBodyBytes: 1024 * 1024 },
    },
    0,
    '127.0.0.1',
  );
  servers.push(server);
  return server.url;
};
const token = (role: Principal['role']) => mintToken(jwt, { subject: `${role}-1`, role, regions: [] }, '1h');

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('authentication', () => {
  it('takes the compact token as it takes a JWT, and refuses either when forged or for another audience', async () => {
    const url = await start(false);
    const customer: Principal = { subject: 'customer-1', role: 'customer', regions: ['sea'] };
    expect((await postGraphQL(url, '{ hello }', {}, mintCompactToken(jwt, customer, 600))).data).toEqual({ hello: 'hi' });
    expect((await postGraphQL(url, '{ hello }', {}, await mintToken(jwt, customer, '10m'))).data).toEqual({ hello: 'hi' });
    const forged = Buffer.from(mintCompactToken(jwt, customer, 600), 'base64url');
    forged[forged.length - 1] ^= 0x01;
    for (const refused of [mintCompactToken({ ...jwt, audience: 'elsewhere' }, customer, 600), forged.toString('base64url')]) {
      const answer = await postGraphQL(url, '{ hello }', {}, refused);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('schema disclosure', () => {
  it.each([
    ['introspection', '{ __schema { types { name } } }'],
    ['a type lookup', '{ __type(name: "Query") { name } }'],
    ['federation SDL', '{ _service { sdl } }'],
  ])("production refuses %s to a customer and answers the hub's services", async (_name, query) => {
    const url = await start(true);
    const refused = await postGraphQL(url, query, {}, await token('customer'));
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postGraphQL(url, query, {}, await token('service'))).errors).toBeUndefined();
  });

  it('development still answers introspection to anyone signed in', async () => {
    const url = await start(false);
    expect((await postGraphQL(url, '{ _service { sdl } }', {}, await token('customer'))).errors).toBeUndefined();
  });

  it('production suggests no field names', async () => {
    const [production, development] = [await start(true), await start(false)];
    const customer = await token('customer');
    expect((await postGraphQL(development, '{ helo }', {}, customer)).errors?.[0]?.message).toMatch(/Did you mean/);
    expect((await postGraphQL(production, '{ helo }', {}, customer)).errors?.[0]?.message).not.toMatch(/Did you mean|hello/);
  });
});

describe('/ready', () => {
  it('names each dependency and says not ready while one is down', async () => {
    const url = await start(false, { database: async () => undefined, nats: () => Promise.reject(new Error('closed')), registry: async () => 'accepted' });
    const response = await fetch(`${url}/ready`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'not ready', checks: { database: 'ok', nats: 'down', registry: 'accepted' } });
  });

  it('counts a check that never answers as down', async () => {
    const url = await start(false, { nats: () => new Promise(() => undefined) });
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'not ready', checks: { nats: 'down' } });
  });
});

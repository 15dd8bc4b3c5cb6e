import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import express from 'express';
import { parse } from 'graphql';
import { natsIdentityEnv } from '@hub/shared/messaging/nats-accounts';
import { natsAuthOf, natsAuthOptions } from '@hub/shared/messaging/nats';
import type { RegisterSubgraphReply } from '@hub/shared/messaging/registry-contracts';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { graphqlHandler } from '@hub/shared/server/graphql-handler';
import { connectTestNats, createTestScope, eventually, postGraphQL } from '@hub/shared/testing/harness';
import { publishTestCatalogue } from '@hub/shared/catalogue/testing/test-catalogue';
import { startHubProcesses, type HubProcesses } from '@hub/shared/testing/hub-processes';
import { cnOrderInput, PLACE_CN_ORDER } from './support/cn-order.js';

/** Regions joining, changing and failing while the gateway runs: real processes, real NATS, real PostgreSQL. */
const HEARTBEAT_MS = 200;
const scope = createTestScope('registry');
const subjects = subjectsFor(scope.env.NATS_NAMESPACE);
let hub: HubProcesses;
let nc: NatsConnection;
let admin: string;
let orderId: string;

beforeAll(async () => {
  await publishTestCatalogue(scope.env, [{ region: 'cn', currencies: ['CNY'], items: [{ sku: 'PEN-1', unitPrice: 500 }] }]);
  hub = await startHubProcesses(scope.env, { HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS) });
  nc = await connectTestNats(scope.env);
  admin = await scope.token({ subject: 'admin', role: 'admin', regions: [] });
  const placed = await postGraphQL(
    hub.gatewayUrl,
    PLACE_CN_ORDER,
    { input: cnOrderInput([{ sku: 'PEN-1', name: '笔', quantity: 1, unitPrice: 500, unitTax: 65 }], { customerRef: 'cust-registry' }) },
    admin,
  );
  orderId = placed.data.order.id;
  await eventually(
    () => postGraphQL(hub.gatewayUrl, `query($id: ID!) { cnOrder(id: $id) { cn { registration } } }`, { id: orderId }, admin),
    (read) => read.data?.cnOrder?.cn?.registration === 'REGISTERED',
  );
}, 180_000);

afterAll(async () => {
  await nc?.close();
  await hub?.close();
  await scope.dispose();
});

const submit = async (request: { name: string } & Record<string, unknown>): Promise<RegisterSubgraphReply> =>
  (await nc.request(subjects.registerSubgraph(request.name), JSON.stringify(request), { timeout: 10_000 })).json<RegisterSubgraphReply>();
const readOrder = (fields: string) => postGraphQL(hub.gatewayUrl, `query($id: ID!) { order(id: $id) { id status ${fields} } }`, { id: orderId }, admin);
const currentSdl = async (name: string) => {
  const { data } = await postGraphQL(hub.gatewayUrl, `{ subgraphs { name url } }`, {}, admin);
  return data.subgraphs.find((s: { name: string }) => s.name === name) as { url: string };
};

it('lists every region with its subgraph up and its schema version', async () => {
  // A heartbeat late on a busy machine reads as STALE for a moment; the region is up once its next one lands.
  const { data } = await eventually(
    () => postGraphQL(hub.gatewayUrl, `{ regions { code subgraph { name status schemaVersion } } }`, {}, admin),
    (read) => read.data?.regions?.every((region: { subgraph: { status: string } }) => region.subgraph.status === 'UP'),
  );
  expect(data.regions).toEqual(
    ['cn', 'de', 'sea'].map((code) => ({
      code,
      subgraph: { name: `region-${code}`, status: 'UP', schemaVersion: expect.stringMatching(/^\d+\.\d+\.\d+\+[0-9a-f]{8}$/) },
    })),
  );
});

it('rejects a schema that breaks composition, tells the region why, and keeps serving the last good supergraph', async () => {
  const { url } = await currentSdl('region-cn');
  const reply = await submit({
    name: 'region-cn',
    url,
    version: '9.9.9-broken',
    sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Order @key(fields: "id") { id: ID! status: Int }',
  });
  expect(reply.accepted).toBe(false);
  expect(reply.accepted ? [] : reply.problems.join('\n')).toMatch(/status/);
  const read = await readOrder('cn { customer { name } }');
  expect(read.errors).toBeUndefined();
  expect(read.data.order.cn.customer.name).toBe('王芳');
  const { data } = await postGraphQL(hub.gatewayUrl, `{ schemaSubmissions(name: "region-cn", first: 1) { version accepted problems } }`, {}, admin);
  expect(data.schemaSubmissions[0]).toMatchObject({ version: '9.9.9-broken', accepted: false });
});

// On the hub's generated NATS (`npm test`), where every service has an identity of its own.
const itWithIdentities = process.env.HUB_NATS_IDENTITIES ? it : it.skip;

itWithIdentities('refuses anonymous clients, and a region re-routing another: the server stops the publish, core the claim', async () => {
  await expect(connect({ servers: scope.env.NATS_URL, reconnect: false })).rejects.toThrow(/authorization/i);
  const cn = await connect({
    servers: scope.env.NATS_URL,
    reconnect: false,
    ...natsAuthOptions(natsAuthOf(natsIdentityEnv(process.env.HUB_NATS_IDENTITIES!, 'region-cn'))),
  });
  try {
    const { url } = await currentSdl('region-de');
    const forged = { name: 'region-de', url: 'http://127.0.0.1:9/graphql', version: '6.6.6', sdl: 'type Query { x: Int }' };
    await expect(cn.request(subjects.registerSubgraph('region-de'), JSON.stringify(forged), { timeout: 5_000 })).rejects.toThrow(/permission/i);
    const claimed = (await cn.request(subjects.registerSubgraph('region-cn'), JSON.stringify(forged), { timeout: 10_000 })).json<RegisterSubgraphReply>();
    expect(claimed.accepted ? [] : claimed.problems.join('\n')).toMatch(/region-cn may register only itself/);
    expect(await currentSdl('region-de')).toMatchObject({ url });
  } finally {
    await cn.close();
  }
});

it('rejects a schema that removes a field clients use', async () => {
  const { url } = await currentSdl('region-cn');
  const reply = await submit({
    name: 'region-cn',
    url,
    version: '9.9.9-breaking',
    sdl: 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Query { _placeholder: Boolean } type Order @key(fields: "id") { id: ID! }',
  });
  expect(reply).toMatchObject({ accepted: false, problems: expect.arrayContaining([expect.stringMatching(/breaking change: FIELD_REMOVED: .*Order\.cn/)]) });
});

it('lets a new region join without any change to core or gateway, hot-reloading the gateway with no failed requests', async () => {
  const newRegion = await startNewRegionSubgraph();
  const inFlight: Array<Promise<{ errors?: unknown }>> = [];
  let reloading = true;
  const traffic = (async () => {
    while (reloading) {
      const request = readOrder('cn { registration }');
      inFlight.push(request);
      await request;
    }
  })();
  const updated = waitForLog(hub, 'supergraph updated from the registry');
  const reply = await submit({
    name: 'region-xx',
    url: newRegion.url,
    version: '1.0.0',
    sdl: newRegion.sdl,
    region: { code: 'xx', displayName: 'Test region', defaultCurrency: 'EUR', timeZone: 'UTC' },
  });
  expect(reply).toMatchObject({ accepted: true, changed: true });
  await updated;
  reloading = false;
  await traffic;
  const results = await Promise.all(inFlight);
  expect(results.length).toBeGreaterThan(0);
  expect(results.filter((result) => result.errors)).toEqual([]);

  const read = await readOrder('xx');
  expect(read.errors).toBeUndefined();
  expect(read.data.order.xx).toBe(`xx data for ${orderId}`);
  const { data } = await postGraphQL(hub.gatewayUrl, `{ regions { code } }`, {}, admin);
  expect(data.regions.map((r: { code: string }) => r.code)).toContain('xx');
  await newRegion.close();
});

it('marks a region that stops sending heartbeats stale, keeps serving the rest, and sees it come back', async () => {
  await hub.stop('region-sea', 'SIGKILL');
  const stale = await pollRegionStatus('sea', (status) => status !== 'UP');
  expect(stale).toBe('STALE');
  const read = await readOrder('cn { customer { name } }');
  expect(read.errors).toBeUndefined();
  expect(read.data.order.cn.customer.name).toBe('王芳');

  await hub.start('region-sea');
  expect(await pollRegionStatus('sea', (status) => status === 'UP')).toBe('UP');
});

/** Region status is derived from elapsed time, so this waits for time to pass, checking every heartbeat. */
async function pollRegionStatus(code: string, done: (status: string) => boolean): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const { data } = await postGraphQL(hub.gatewayUrl, `{ regions { code subgraph { status } } }`, {}, admin);
    const status = data.regions.find((r: { code: string }) => r.code === code).subgraph.status;
    if (done(status)) return status;
    await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS));
  }
  throw new Error(`region ${code} never reached the expected status`);
}

function waitForLog(processes: HubProcesses, message: string): Promise<void> {
  const seen = processes.logs.length;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (processes.logs.slice(seen).some((line) => line.includes(`"msg":"${message}"`))) {
        clearInterval(timer);
        clearTimeout(timeout);
        resolve();
      }
    }, 20);
    const timeout = setTimeout(() => {
      clearInterval(timer);
      reject(new Error(`no "${message}" in the logs`));
    }, 15_000);
  });
}

/** A regional team's brand-new subgraph, extending Order with one field. */
async function startNewRegionSubgraph() {
  const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"]) type Order @key(fields: "id") { id: ID! xx: String }';
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: { Order: { xx: (order: { id: string }) => `xx data for ${order.id}` } } as never }]);
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  await apollo.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    graphqlHandler(apollo, async () => ({})),
  );
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    sdl,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await apollo.stop();
      server.closeAllConnections();
      server.close();
    },
  };
}

// `node bench/metrics-overhead.mjs [--requests 20000]`: the CPU the metrics add to a GraphQL request (the timing
// and error-counting plugin every service runs), measured in-process as CPU µs per request of the same trivial
// operation with and without the plugin, alternated over several rounds; and the CPU of one /metrics render.
// Prints figures from one run on this machine; not a test.
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { graphqlMetricsPlugin } from '@hub/shared/server/metrics-endpoint';
import { renderMetrics } from '@hub/shared/server/metrics';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '20000' } } });
const requests = Number(values.requests);
const schema = buildSchema('type Query { order(id: ID!): Order } type Order { id: ID! status: String! }');
const rootValue = { order: ({ id }) => ({ id, status: 'PLACED' }) };
const query = 'query OrderStatus($id: ID!) { order(id: $id) { id status } }';

async function serverWith(plugins) {
  const server = new ApolloServer({ schema, rootValue, plugins });
  await server.start();
  return server;
}

async function cpuPerRequest(server) {
  const start = process.cpuUsage();
  for (let index = 0; index < requests; index += 1) await server.executeOperation({ query, variables: { id: String(index) } });
  const used = process.cpuUsage(start);
  return (used.user + used.system) / requests;
}

const plain = await serverWith([]);
const measured = await serverWith([graphqlMetricsPlugin('bench')]);
await cpuPerRequest(plain); // warm-up
await cpuPerRequest(measured);
const rounds = { plain: [], measured: [] };
for (let round = 0; round < 5; round += 1) {
  rounds.plain.push(await cpuPerRequest(plain));
  rounds.measured.push(await cpuPerRequest(measured));
}
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const renderStart = process.cpuUsage();
for (let index = 0; index < 100; index += 1) await renderMetrics();
const render = process.cpuUsage(renderStart);
console.log(
  JSON.stringify({
    requestsPerRound: requests,
    cpuUsPerRequestWithout: Number(median(rounds.plain).toFixed(1)),
    cpuUsPerRequestWith: Number(median(rounds.measured).toFixed(1)),
    addedCpuUsPerRequest: Number((median(rounds.measured) - median(rounds.plain)).toFixed(1)),
    cpuMsPerScrapeRender: Number(((render.user + render.system) / 100 / 1000).toFixed(2)),
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  }),
);
await plain.stop();
await measured.stop();

// Hive Gateway with the router runtime (its Rust query planner), as the yardstick of bench/federated-reads.mjs:
// the same supergraph file as our gateway, subgraph URLs taken from the same SUBGRAPH_URL_<NAME> variables, and the
// caller's Authorization header passed on to every subgraph (the subgraphs authenticate each call). Its own
// defaults otherwise, which include merging identical subgraph requests in flight.
//
//   SUPERGRAPH_PATH=gateway/supergraph.graphql PORT=4100 SUBGRAPH_URL_CORE_ORDERS=… node bench/hive-gateway.mjs
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import http from '@graphql-mesh/transport-http';

const urlOf = (name) => process.env[`SUBGRAPH_URL_${name.toUpperCase().replaceAll('-', '_')}`];
// `@join__graph(name: "region-cn", url: "http://localhost:4003/graphql")`: point each graph at where it runs now.
const supergraph = readFileSync(process.env.SUPERGRAPH_PATH, 'utf8').replace(
  /@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g,
  (whole, name, url) => `@join__graph(name: "${name}", url: "${urlOf(name) ?? url}")`,
);

const gateway = createGatewayRuntime({
  supergraph,
  unifiedGraphHandler,
  transports: { http },
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? '' }),
  },
  logging: 'error',
  landingPage: false,
});
const server = createServer(gateway);
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`hive gateway listening on ${server.address().port}`));
process.once('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => gateway.dispose().finally(() => process.exit(0)));
});

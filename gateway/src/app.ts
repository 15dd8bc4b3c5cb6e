import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createErrorFormatter } from '@hub/shared/graphql/format-error';
import { createLogger } from '@hub/shared/logger';
import { authenticate, listen, mountHealthRoutes } from '@hub/shared/server/service-server';
import { connectNats } from '@hub/shared/messaging/nats';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { AuthForwardingDataSource } from './auth-forwarding.data-source.js';
import { compressResponses } from './compression.js';
import { cacheHeadersPlugins, loadPersistedOperations, resolvePersistedDocuments } from './persisted-operations/index.js';
import { RegistrySupergraphManager } from './registry-supergraph.js';
import type { GatewayContext } from './context.js';
import { subgraphUrlOverrides, type GatewayEnv } from './env.js';

/** The gateway's composition root: the statically composed supergraph behind one authenticated endpoint. */
export async function createGatewayApp(env: GatewayEnv, source: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const jwt = { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
  const overrides = subgraphUrlOverrides(source);
  const subgraphUrls = new Map<string, string>();
  const fileSupergraph = await readFile(env.SUPERGRAPH_PATH, 'utf8');
  const persistedOperations = await loadPersistedOperations(env.PERSISTED_OPERATIONS_DIR);
  const nc = env.SUPERGRAPH_SOURCE === 'registry' ? await connectNats(env.NATS_URL, 'gateway') : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: nc ? new RegistrySupergraphManager(nc, subjectsFor(env.NATS_NAMESPACE), fileSupergraph, logger) : fileSupergraph,
    buildService: ({ name, url }) => {
      const target = overrides.get(name) ?? url ?? '';
      subgraphUrls.set(name, target);
      return new AuthForwardingDataSource({ url: target });
    },
    logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ...cacheHeadersPlugins(persistedOperations)],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(compressResponses());
  // Read at each request: the registry may add or move subgraphs while the gateway runs.
  mountHealthRoutes(app, () => Object.fromEntries([...subgraphUrls].map(([name, url]) => [name, () => ping(url.replace(/\/graphql$/, '/health'))])));
  app.use('/graphql', express.json({ limit: '1mb' }), resolvePersistedDocuments(persistedOperations), expressMiddleware(apollo as unknown as ApolloServer<BaseContext>, {
    context: async ({ req }) => ({
      principal: await authenticate(jwt, req.headers.authorization),
      authorization: req.headers.authorization ?? '',
    }),
  }));
  const httpServer = http.createServer(app);
  const { url } = await listen(httpServer, env.PORT, env.HOST);
  logger.info({ url, subgraphs: Object.fromEntries(subgraphUrls) }, 'gateway listening');
  return {
    url,
    async close() {
      await apollo.stop();
      await nc?.drain();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

async function ping(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

import { readFile } from 'node:fs/promises';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { Express } from 'express';
import { jwtSettingsOf } from '@hub/shared/auth/jwt';
import type { Principal } from '@hub/shared/auth/principal';
import { createErrorFormatter } from '@hub/shared/graphql/format-error';
import { createLogger } from '@hub/shared/logger';
import { authenticate, hardenedApolloOptions, jsonBody, mountHealthRoutes, mountJsonFallbacks, serverSecurityOf } from '@hub/shared/server/service-server';
import { graphqlMetricsPlugin, mountMetricsRoute } from '@hub/shared/server/metrics-endpoint';
import { assertNatsRefusesAnonymous, connectNats, natsAuthOf } from '@hub/shared/messaging/nats';
import { subjectsFor } from '@hub/shared/messaging/subjects';
import { AuthForwardingDataSource } from './auth-forwarding.data-source.js';
import { compactTokenRoute } from './compact-token.route.js';
import { compressResponses } from './compression.js';
import { graphqlHandler } from '@hub/shared/server/graphql-handler';
import { cacheHeadersPlugins, loadPersistedOperations, resolvePersistedDocuments } from './persisted-operations/index.js';
import { listenOnePort } from './http2/one-port-server.js';
import { legacyJsonStatusPlugin } from './legacy-status.plugin.js';
import { mutationBudgetPlugin, rateLimitRequests, RateLimits } from './rate-limits.js';
import { RegistrySupergraphManager } from './registry-supergraph.js';
import { trimUncacheableHeaders } from './response-headers.js';
import type { GatewayContext } from './context.js';
import { subgraphUrlOverrides, type GatewayEnv } from './env.js';

/** The gateway's composition root: the statically composed supergraph behind one authenticated endpoint. */
export async function createGatewayApp(env: GatewayEnv, source: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const jwt = jwtSettingsOf(env);
  const security = serverSecurityOf(env);
  const overrides = subgraphUrlOverrides(source);
  const subgraphUrls = new Map<string, string>();
  const fileSupergraph = await readFile(env.SUPERGRAPH_PATH, 'utf8');
  const persistedOperations = await loadPersistedOperations(env.PERSISTED_OPERATIONS_DIR);
  const rateLimits = await RateLimits.open(
    {
      enabled: env.RATE_LIMIT_ENABLED,
      requestsPerMinute: env.RATE_LIMIT_REQUESTS_PER_MINUTE,
      mutationsPerMinute: env.RATE_LIMIT_MUTATIONS_PER_MINUTE,
      anonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    },
    env.DATABASE_URL,
  );
  if (env.SUPERGRAPH_SOURCE === 'registry' && env.NODE_ENV === 'production') await assertNatsRefusesAnonymous(env.NATS_URL, natsAuthOf(env));
  const nc =
    env.SUPERGRAPH_SOURCE === 'registry'
      ? await connectNats(env.NATS_URL, 'gateway', natsAuthOf(env)).catch(async (error: unknown) => {
          await rateLimits.close();
          throw error;
        })
      : undefined;
  const registry = nc ? new RegistrySupergraphManager(nc, subjectsFor(env.NATS_NAMESPACE), fileSupergraph, logger) : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl: registry ?? fileSupergraph,
    buildService: ({ name, url }) => {
      const target = overrides.get(name) ?? url ?? '';
      subgraphUrls.set(name, target);
      return new AuthForwardingDataSource({ name, url: target, timeoutMs: env.SUBGRAPH_TIMEOUT_MS });
    },
    logger,
  });
  const hardening = hardenedApolloOptions<GatewayContext>(security);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: createErrorFormatter(logger),
    ...hardening,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      graphqlMetricsPlugin<GatewayContext>('gateway'),
      ...hardening.plugins,
      mutationBudgetPlugin(rateLimits),
      legacyJsonStatusPlugin<GatewayContext>(),
      ...cacheHeadersPlugins(persistedOperations),
    ],
  });
  await apollo.start();

  // One chain for both protocols; each connection's first bytes pick the app that serves it.
  const mountRoutes = (app: Express) => {
    app.disable('x-powered-by');
    // Before compression: its Vary is set as the head is written, and trimmed after it.
    app.use(trimUncacheableHeaders());
    app.use(compressResponses());
    // Read at each request: the registry may add or move subgraphs while the gateway runs.
    mountHealthRoutes(app, () => ({
      ...(nc ? { nats: () => nc.flush() } : {}),
      database: () => rateLimits.check(),
      ...(registry ? { registry: () => registry.check() } : {}),
      ...Object.fromEntries([...subgraphUrls].map(([name, url]) => [name, () => ping(url.replace(/\/graphql$/, '/health'))])),
    }));
    mountMetricsRoute(app, security.metrics);
    app.use(
      '/graphql',
      rateLimitRequests(rateLimits, jwt),
      jsonBody(security),
      resolvePersistedDocuments(persistedOperations),
      graphqlHandler(apollo, async ({ req, res }) => ({
        principal: (res.locals.principal as Principal | undefined) ?? (await authenticate(jwt, req.headers.authorization)),
        authorization: req.headers.authorization ?? '',
      })),
    );
    app.post('/token/compact', rateLimitRequests(rateLimits, jwt), compactTokenRoute(jwt));
    mountJsonFallbacks(app, logger);
  };
  const server = await listenOnePort(mountRoutes, env.PORT, env.HOST);
  logger.info({ url: server.url, subgraphs: Object.fromEntries(subgraphUrls) }, 'gateway listening');
  return {
    url: server.url,
    async close() {
      await apollo.stop();
      await nc?.drain();
      await rateLimits.close();
      await server.close();
    },
  };
}

async function ping(url: string): Promise<void> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
}

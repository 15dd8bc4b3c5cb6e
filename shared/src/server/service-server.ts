import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type Express } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { bearerTokenOf, verifyToken, type JwtSettings } from '../auth/jwt.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../errors.js';
import { createErrorFormatter } from '../graphql/format-error.js';
import type { RequestContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface ServiceServerOptions {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  jwt: JwtSettings;
  readiness: ReadinessChecks;
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** Extra HTTP routes beside `/graphql` (a carrier ingest endpoint, a subscription stream), each doing its own authentication. */
  mountRoutes?: (app: Express) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Verifies the caller of every GraphQL request; no token or a bad one stops the request with 401. */
export async function authenticate(jwt: JwtSettings, authorization: string | undefined): Promise<Principal> {
  const token = bearerTokenOf(authorization);
  try {
    if (!token) throw new DomainError('UNAUTHENTICATED', 'A bearer token is required');
    return await verifyToken(jwt, token);
  } catch (error) {
    const message = error instanceof DomainError ? error.message : 'Invalid bearer token';
    throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
  }
}

/** `/health` says the process is alive; `/ready` that its dependencies answer, so traffic may be sent. */
export function mountHealthRoutes(app: Express, readiness: ReadinessChecks | (() => ReadinessChecks)): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(typeof readiness === 'function' ? readiness() : readiness).map(async ([name, check]) => [name, await check().then(() => 'ok', () => 'down')] as const),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, state]) => state === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });
}

/** Listens and returns a closer that stops accepting requests and lets those in flight finish. */
export async function listen(server: http.Server, port: number, host: string): Promise<{ url: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { url: `http://${host}:${address.port}`, port: address.port };
}

/** A subgraph's HTTP surface: GraphQL at `/graphql` behind authentication, plus health and readiness. */
export async function startServiceServer(options: ServiceServerOptions, port: number, host: string): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    formatError: createErrorFormatter(options.logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), ...(options.plugins ?? [])],
  });
  await apollo.start();
  mountHealthRoutes(app, options.readiness);
  options.mountRoutes?.(app);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo as unknown as ApolloServer<BaseContext>, {
      context: async ({ req }) => {
        const principal = await authenticate(options.jwt, req.headers.authorization);
        return { principal, logger: options.logger, loaders: new Map() } satisfies RequestContext;
      },
    }),
  );
  const { url, port: boundPort } = await listen(httpServer, port, host);
  options.logger.info({ url }, `${options.name} listening`);
  return {
    url,
    port: boundPort,
    async close() {
      await apollo.stop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { bearerTokenOf, verifyToken, type JwtSettings } from '../auth/jwt.js';
import { baseEnvSchema } from '../env.js';
import type { Principal } from '../auth/principal.js';
import { DomainError } from '../errors.js';
import { createErrorFormatter } from '../graphql/format-error.js';
import type { RequestContext } from '../graphql/context.js';
import type { Logger } from '../logger.js';
import { operationCostGuard, operationLimitsOf, operationLimitsProtection, type OperationLimits } from './operation-limits.js';
import { inputTextGuard, schemaDisclosureGuard } from './request-guards.js';
import { metricsAccessOf, type MetricsAccess } from './metrics-access.js';
import { graphqlHandler } from './graphql-handler.js';
import { graphqlMetricsPlugin, mountMetricsRoute } from './metrics-endpoint.js';

export type ReadinessChecks = Record<string, () => Promise<unknown>>;

export interface ServiceServerOptions {
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  jwt: JwtSettings;
  readiness: ReadinessChecks;
  plugins?: ApolloServerPlugin<RequestContext>[];
  /** Limits and disclosure settings; read from the process environment when not given. */
  security?: ServerSecurity;
  /** Extra HTTP routes beside `/graphql` (a carrier ingest endpoint, a subscription stream), each doing its own authentication. */
  mountRoutes?: (app: Express) => void;
}

/** How a server defends itself against hostile or careless callers. */
export interface ServerSecurity {
  limits: OperationLimits;
  /** Production hides the schema (introspection, `_service`, field suggestions) from all but the hub's services. */
  production: boolean;
  /** Largest request body accepted. */
  maxBodyBytes: number;
  /** Who may read `/metrics`. */
  metrics: MetricsAccess;
}

export function serverSecurityOf(env: Parameters<typeof operationLimitsOf>[0] & Parameters<typeof metricsAccessOf>[0] & { NODE_ENV: string }): ServerSecurity {
  return { limits: operationLimitsOf(env), production: env.NODE_ENV === 'production', maxBodyBytes: 1024 * 1024, metrics: metricsAccessOf(env) };
}

/**
 * The Apollo Server settings every GraphQL endpoint of the hub shares, gateway included: operation limits,
 * control-character refusal, schema disclosure only to the hub's services, no batching, no stack traces.
 */
export function hardenedApolloOptions<C extends BaseContext & { principal?: Principal }>(security: ServerSecurity) {
  const limits = operationLimitsProtection(security.limits);
  return {
    ...limits,
    plugins: [inputTextGuard<C>(security.limits.stringLength), schemaDisclosureGuard<C>(security.production), operationCostGuard<C>(security.limits.cost)],
    // The disclosure guard decides per caller; Apollo's own switch would also shut out the hub's services.
    introspection: true,
    hideSchemaDetailsFromClientErrors: security.production,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
  };
}

/** Parses JSON bodies up to the limit; what fails to parse is answered by `mountJsonFallbacks`. */
export function jsonBody(security: ServerSecurity): RequestHandler {
  return express.json({ limit: security.maxBodyBytes });
}

/**
 * Every failure outside GraphQL execution (a body that is not JSON, too large, in an unknown charset, an
 * unknown path) is answered as a GraphQL-shaped JSON error: never Express's HTML page, whose stack trace
 * names the server's files.
 */
export function mountJsonFallbacks(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  const handler: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, _next) => {
    const status = typeof error.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
    const message =
      status === 413
        ? 'The request body is too large'
        : error.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON'
          : status === 415
            ? 'Unsupported request encoding'
            : status < 500
              ? 'Bad request'
              : 'Internal server error';
    if (status >= 500) logger.error({ err: error }, 'request failed outside GraphQL');
    res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
  };
  app.use(handler);
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

/**
 * A readiness check resolves when its dependency answers, with a word for its state ("accepted") when it has
 * one to tell; it rejects, or takes longer than two seconds, when the dependency is down.
 */
export type ReadinessCheck = () => Promise<unknown>;
const READINESS_TIMEOUT_MS = 2_000;

/** `/health` says the process is alive; `/ready` that its dependencies answer, so traffic may be sent. */
export function mountHealthRoutes(app: Express, readiness: ReadinessChecks | (() => ReadinessChecks)): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    const results = await Promise.all(
      Object.entries(typeof readiness === 'function' ? readiness() : readiness).map(async ([name, check]) => [name, await stateOf(check)] as const),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, state]) => state !== 'down');
    res
      .status(ready ? 200 : 503)
      .set('cache-control', 'no-store')
      .json({ status: ready ? 'ready' : 'not ready', checks });
  });
}

/** What `/ready` would answer now, as one word: every check answered in time. */
export async function isReady(readiness: ReadinessChecks): Promise<boolean> {
  const states = await Promise.all(Object.values(readiness).map(stateOf));
  return states.every((state) => state !== 'down');
}

async function stateOf(check: ReadinessCheck): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), READINESS_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([check(), deadline]);
    return typeof detail === 'string' ? detail : 'ok';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
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

/** A subgraph's HTTP surface: GraphQL at `/graphql` behind authentication, plus health, readiness and metrics. */
export async function startServiceServer(options: ServiceServerOptions, port: number, host: string): Promise<RunningServer> {
  const security = options.security ?? serverSecurityOf(baseEnvSchema.parse(process.env));
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const hardening = hardenedApolloOptions<RequestContext>(security);
  const apollo = new ApolloServer<RequestContext>({
    schema: options.schema,
    formatError: createErrorFormatter(options.logger),
    ...hardening,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      graphqlMetricsPlugin<RequestContext>(options.name),
      ...hardening.plugins,
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();
  mountHealthRoutes(app, options.readiness);
  mountMetricsRoute(app, security.metrics);
  options.mountRoutes?.(app);
  app.use(
    '/graphql',
    jsonBody(security),
    graphqlHandler(apollo, async ({ req }) => {
      const principal = await authenticate(options.jwt, req.headers.authorization);
      return { principal, logger: options.logger, loaders: new Map() } satisfies RequestContext;
    }),
  );
  mountJsonFallbacks(app, options.logger);
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

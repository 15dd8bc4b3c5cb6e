import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import pg from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { bearerTokenOf, verifyToken, type JwtSettings } from '@hub/shared/auth/jwt';
import type { Principal } from '@hub/shared/auth/principal';
import type { GatewayContext } from './context.js';

export interface RateLimitSettings {
  enabled: boolean;
  /** Operations per minute for one authenticated caller (token subject). */
  requestsPerMinute: number;
  /** Mutations per minute for one caller, on top of the request budget: writes cost core a transaction each. */
  mutationsPerMinute: number;
  /** Requests per minute from one address without a valid token: enough to log in, too few to guess tokens. */
  anonymousPerMinute: number;
}

const WINDOW_SECONDS = 60;
const SCHEMA = 'gateway';

/**
 * Budgets kept in PostgreSQL, which every gateway instance already reaches, so a caller cannot multiply its
 * budget by spreading requests over instances. Should PostgreSQL stop answering, each instance falls back to
 * its own in-memory count rather than letting everything through or refusing everyone.
 */
export class RateLimits {
  private constructor(
    private readonly pool: pg.Pool | undefined,
    private readonly requests: RateLimiterAbstract,
    private readonly mutations: RateLimiterAbstract,
    private readonly anonymous: RateLimiterAbstract,
    readonly settings: RateLimitSettings,
  ) {}

  static async open(settings: RateLimitSettings, databaseUrl: string): Promise<RateLimits> {
    const budgets = { requests: settings.requestsPerMinute, mutations: settings.mutationsPerMinute, anonymous: settings.anonymousPerMinute };
    if (!settings.enabled) {
      const unlimited = new RateLimiterMemory({ points: Number.MAX_SAFE_INTEGER, duration: WINDOW_SECONDS });
      return new RateLimits(undefined, unlimited, unlimited, unlimited, settings);
    }
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4, connectionTimeoutMillis: 2_000 });
    pool.on('error', () => undefined);
    await createTable(pool);
    const limiter = (keyPrefix: keyof typeof budgets) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        schemaName: SCHEMA,
        tableName: 'rate_limits',
        tableCreated: true,
        keyPrefix,
        points: budgets[keyPrefix],
        duration: WINDOW_SECONDS,
        // Once a caller is over its budget, this instance refuses it without asking the database again.
        inMemoryBlockOnConsumed: budgets[keyPrefix],
        insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: budgets[keyPrefix], duration: WINDOW_SECONDS }),
      });
    return new RateLimits(pool, limiter('requests'), limiter('mutations'), limiter('anonymous'), settings);
  }

  /** Spends one request of the caller's budget (or the address's, without a valid token). */
  async spendRequest(principal: Principal | undefined, address: string): Promise<number | undefined> {
    // Unlimited budgets: nothing to count, on every request.
    if (!this.settings.enabled) return undefined;
    return principal ? spend(this.requests, principal.subject) : spend(this.anonymous, address);
  }

  async spendMutation(principal: Principal): Promise<number | undefined> {
    if (!this.settings.enabled) return undefined;
    return spend(this.mutations, principal.subject);
  }

  /** The store answers; part of the gateway's readiness. */
  async check(): Promise<void> {
    await this.pool?.query('select 1');
  }

  async close(): Promise<void> {
    await this.pool?.end();
  }
}

/** Resolves with the seconds to wait when the budget is spent, else undefined. */
async function spend(limiter: RateLimiterAbstract, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw rejection;
  }
}

async function createTable(pool: pg.Pool): Promise<void> {
  // The library's own table, created here once so that several instances starting together do not race.
  await new Promise<void>((resolve, reject) => {
    void pool.query(`create schema if not exists ${SCHEMA}`).then(
      () =>
        new RateLimiterPostgres(
          {
            storeClient: pool,
            storeType: 'pool',
            schemaName: SCHEMA,
            tableName: 'rate_limits',
            points: 1,
            duration: 1,
          },
          (error?: unknown) => (error ? reject(error) : resolve()),
        ),
      reject,
    );
  }).catch(async (error: unknown) => {
    // Another instance created it between our check and our create.
    if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42P07') throw error;
  });
}

export function rateLimitedError(retryAfterSeconds: number, budget: 'requests' | 'mutations') {
  return new GraphQLError(`Too many ${budget}; retry after ${retryAfterSeconds} s`, {
    extensions: {
      code: 'RATE_LIMITED',
      retryable: true,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}

/**
 * Spends the request budget before the operation is even parsed. A valid token identifies the caller; a
 * missing or bad one counts against the address, so guessing tokens is throttled too. The principal found
 * here is kept for the GraphQL context, so the token is verified once.
 */
export function rateLimitRequests(limits: RateLimits, jwt: JwtSettings): RequestHandler {
  return (req, res, next) => {
    const token = bearerTokenOf(req.headers.authorization);
    void (token ? verifyToken(jwt, token).catch(() => undefined) : Promise.resolve(undefined))
      .then(async (principal) => {
        res.locals.principal = principal;
        const retryAfter = await limits.spendRequest(principal, req.socket.remoteAddress ?? 'unknown');
        if (retryAfter === undefined) {
          next();
          return;
        }
        res
          .status(429)
          .set('retry-after', String(retryAfter))
          .json({
            errors: [
              {
                message: `Too many requests; retry after ${retryAfter} s`,
                extensions: { code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: retryAfter },
              },
            ],
          });
      })
      .catch(next);
  };
}

/** Spends the mutation budget once the operation is known to be a mutation. */
export function mutationBudgetPlugin(limits: RateLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const retryAfter = await limits.spendMutation(contextValue.principal);
          if (retryAfter !== undefined) throw rateLimitedError(retryAfter, 'mutations');
        },
      };
    },
  };
}

import { mintToken, type JwtSettings } from '../auth/jwt.js';
import type { Principal } from '../auth/principal.js';

/**
 * What a workspace's demo seed gets from `npm start`, once every service is up: it seeds through the
 * gateway exactly as clients would, so the demo exercises the whole path.
 */
export interface DemoSeedContext {
  gatewayUrl: string;
  /** A token for the given principal, signed with the hub's settings. */
  token(principal: Principal): Promise<string>;
  /** Sends one GraphQL operation through the gateway and returns its data; GraphQL errors throw. */
  graphql<T = any>(token: string, query: string, variables?: Record<string, unknown>): Promise<T>;
  log(message: string): void;
}

/**
 * The module a workspace names in its package.json `hub.seed` exports this. It must be idempotent:
 * `npm start` runs it on every start, and it leaves existing demo data alone.
 */
export type SeedDemo = (context: DemoSeedContext) => Promise<void>;

export function createDemoSeedContext(gatewayUrl: string, jwt: JwtSettings, log: (message: string) => void): DemoSeedContext {
  return {
    gatewayUrl,
    log,
    token: (principal) => mintToken(jwt, principal),
    async graphql(token, query, variables = {}) {
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query, variables }),
        });
        const body = (await response.json()) as { data?: any; errors?: Array<{ extensions?: { code?: string; retryAfterSeconds?: number } }> };
        // A seed is a client like any other: past its budget it waits as the gateway says, instead of failing `npm start`.
        const wait = body.errors?.find((error) => error.extensions?.code === 'RATE_LIMITED')?.extensions?.retryAfterSeconds;
        if (wait !== undefined && attempt < 5) {
          log(`rate-limited; retrying in ${wait} s`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 60) * 1000));
          continue;
        }
        if (body.errors) throw new Error(`demo seed request failed: ${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
        return body.data;
      }
    },
  };
}

/** Runs jobs with at most `limit` at a time, so a seed does not flood a hub that is still warming up. */
export async function runWithConcurrency(jobs: Array<() => Promise<unknown>>, limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

/** A small deterministic generator: the same demo data on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { baseEnvSchema, portSchema, readEnv } from '@hub/shared/env';

export const gatewayEnvSchema = baseEnvSchema.extend({
  PORT: portSchema(4000),
  SUPERGRAPH_PATH: z.string().default(fileURLToPath(new URL('../supergraph.graphql', import.meta.url))),
  /**
   * `registry`: follow core's schema registry and hot-reload accepted changes (the file is the fallback until
   * core answers); `file`: serve only the supergraph composed at build time.
   */
  SUPERGRAPH_SOURCE: z.enum(['registry', 'file']).default('registry'),
  /** Folder of persisted-operation manifests (one `*.json` per client app) that trusted clients call by id. */
  PERSISTED_OPERATIONS_DIR: z.string().default(fileURLToPath(new URL('../persisted-operations', import.meta.url))),
  /**
   * Deadline of each subgraph call, so one slow region cannot hold a whole request: its part of the answer
   * becomes SERVICE_UNAVAILABLE and the rest arrives. Longer than a placement's own deadline for core (≈ 7 s).
   */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Rate limits per caller (token subject), shared by every gateway instance through PostgreSQL. */
  RATE_LIMIT_ENABLED: z.stringbool().default(true),
  RATE_LIMIT_REQUESTS_PER_MINUTE: z.coerce.number().int().min(1).default(1_200),
  RATE_LIMIT_MUTATIONS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Requests per minute from one address that sends no valid token. */
  RATE_LIMIT_ANONYMOUS_PER_MINUTE: z.coerce.number().int().min(1).default(120),
});
export type GatewayEnv = ReturnType<typeof readGatewayEnv>;
export const readGatewayEnv = (source: NodeJS.ProcessEnv = process.env) => readEnv(gatewayEnvSchema, source);

/**
 * Subgraph URL overrides: `SUBGRAPH_URL_REGION_CN=http://…/graphql` replaces the routing URL composed into
 * the supergraph for `region-cn`, so one supergraph file serves every deployment.
 */
export function subgraphUrlOverrides(source: NodeJS.ProcessEnv = process.env): Map<string, string> {
  return new Map(
    Object.entries(source)
      .filter(([key, value]) => key.startsWith('SUBGRAPH_URL_') && value)
      .map(([key, value]) => [key.slice('SUBGRAPH_URL_'.length).toLowerCase().replaceAll('_', '-'), value as string]),
  );
}

import type { GraphQLSchema } from 'graphql';
import { schemaVersion } from '../federation/schema-version.js';
import type { RegisterSubgraphRequest } from '../messaging/registry-contracts.js';
import { announceToRegistry, type RegistryPresence } from '../region/registry-client.js';
import type { Infrastructure } from '../server/infrastructure.js';
import { startServiceServer, type RunningServer, type ServiceServerOptions } from '../server/service-server.js';
import type { SubgraphEnv } from './subgraph-app.js';

export interface ServeSubgraphOptions extends Pick<ServiceServerOptions, 'readiness' | 'plugins' | 'mountRoutes'> {
  name: string;
  schema: GraphQLSchema;
  sdl: string;
  /** The package's version, reported to the registry with the schema's hash. */
  packageVersion: string;
  /** Registry facts for a region core does not know yet. */
  profile?: RegisterSubgraphRequest['region'];
}

/**
 * The last step of every subgraph's start-up: serves its schema and announces it to core's registry, whose verdict
 * `/ready` then reports (pending, accepted, rejected; none of them makes the subgraph unready, since a subgraph
 * serves whether or not core has answered). The caller stops `presence` and closes `server`, in that order.
 */
export async function serveSubgraph(
  infra: Pick<Infrastructure, 'nc' | 'subjects' | 'logger' | 'jwt'>,
  env: Pick<SubgraphEnv, 'PORT' | 'HOST' | 'PUBLIC_URL' | 'HEARTBEAT_INTERVAL_MS'>,
  { name, schema, sdl, packageVersion, profile, readiness, ...server }: ServeSubgraphOptions,
): Promise<{ server: RunningServer; presence: RegistryPresence }> {
  const running = await startServiceServer({ name, schema, logger: infra.logger, jwt: infra.jwt, readiness, ...server }, env.PORT, env.HOST);
  const presence = announceToRegistry(
    infra.nc,
    infra.subjects,
    infra.logger,
    { name, url: env.PUBLIC_URL ?? `${running.url}/graphql`, sdl, version: schemaVersion(packageVersion, sdl), ...(profile ? { region: profile } : {}) },
    env.HEARTBEAT_INTERVAL_MS,
    readiness,
  );
  let registryState = 'pending';
  void presence.verdict.then((reply) => {
    registryState = reply.accepted ? 'accepted' : 'rejected';
  });
  readiness.registry = async () => registryState;
  return { server: running, presence };
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { probedGauges } from '@hub/shared/server/metrics';
import type { SubgraphHealth } from './domain/subgraph-health.js';
import { registrationHealth } from './registration-health.js';
import { SubgraphRegistration } from './persistence/subgraph-registration.entity.js';

const HEALTHS: SubgraphHealth[] = ['UP', 'NOT_READY', 'STALE', 'DOWN'];

/**
 * Publishes the registry's view of each subgraph as `hub_registry_subgraph_health`, read at scrape time
 * (one small query: a row per registered subgraph). Returns the function that stops it.
 */
export function exportRegistryHealth(orm: MikroORM, heartbeatIntervalMs: number): () => void {
  return probedGauges.registryHealth.add('core-orders', async (gauge) => {
    const now = new Date();
    const registrations = await orm.em
      .fork()
      .find(SubgraphRegistration, {}, { fields: ['name', 'lastHeartbeatAt', 'lastHeartbeatReady', 'lastEventLoopDelayMs'] });
    for (const registration of registrations) {
      const health = registrationHealth(registration, now, heartbeatIntervalMs);
      for (const state of HEALTHS) gauge.set({ subgraph: registration.name, health: state }, state === health ? 1 : 0);
    }
  });
}

import type { MikroORM } from '@mikro-orm/postgresql';
import { composeSupergraph, CompositionError, findBreakingChanges } from '@hub/shared/federation/composition';
import type { Heartbeat, RegisterSubgraphReply, RegisterSubgraphRequest, Supergraph } from '@hub/shared/messaging/registry-contracts';
import { Region } from '../regions/persistence/region.entity.js';
import { SchemaSubmission } from './persistence/schema-submission.entity.js';
import { SubgraphRegistration } from './persistence/subgraph-registration.entity.js';
import { SupergraphRevision } from './persistence/supergraph-revision.entity.js';

/**
 * The schema registry: a subgraph's new schema is accepted only if it composes with every other
 * subgraph's current schema and breaks nothing its previous schema offered. Rejections are recorded with
 * their reasons and change nothing, so gateways keep serving the last good supergraph.
 */
export class SubgraphRegistryService {
  constructor(
    private readonly orm: MikroORM,
    private readonly onSupergraphChanged: (version: number) => void,
  ) {}

  async register(request: RegisterSubgraphRequest, now = new Date()): Promise<RegisterSubgraphReply> {
    const reply = await this.orm.em.fork().transactional(async (em) => {
      // One composition at a time: two regions changing together must each be checked against the other.
      await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext('core_orders.subgraph_registry'))`, [], 'run', em.getTransactionContext());
      const current = await em.find(SubgraphRegistration, {});
      const previous = current.find((registration) => registration.name === request.name);
      if (previous && previous.sdl === request.sdl && previous.url === request.url) {
        previous.lastHeartbeatAt = now;
        const [latest] = await em.find(SupergraphRevision, {}, { orderBy: { version: 'desc' }, limit: 1 });
        return { accepted: true as const, changed: false, supergraphVersion: latest?.version ?? 0 };
      }
      const problems: string[] = [];
      let supergraphSdl = '';
      try {
        const others = current.filter((registration) => registration.name !== request.name);
        supergraphSdl = composeSupergraph([...others, request].map(({ name, url, sdl }) => ({ name, url, sdl })));
      } catch (error) {
        if (!(error instanceof CompositionError)) throw error;
        problems.push(...error.problems);
      }
      if (previous) problems.push(...breakingChangesOf(previous.sdl, request.sdl));
      em.create(SchemaSubmission, {
        name: request.name,
        version: request.version,
        url: request.url,
        accepted: problems.length === 0,
        problems,
        submittedAt: now,
      });
      if (problems.length > 0) return { accepted: false as const, problems };

      await em.upsert(SubgraphRegistration, {
        name: request.name,
        url: request.url,
        sdl: request.sdl,
        version: request.version,
        acceptedAt: now,
        lastHeartbeatAt: now,
      });
      if (request.region) {
        const { code, displayName, defaultCurrency, timeZone } = request.region;
        await em.upsert(Region, { code, name: displayName, defaultCurrency, timeZone, createdAt: now }, { onConflictExcludeFields: ['createdAt'] });
      }
      const revision = em.create(SupergraphRevision, { sdl: supergraphSdl, composedAt: now, cause: `${request.name}@${request.version}` });
      await em.flush();
      return { accepted: true as const, changed: true, supergraphVersion: revision.version };
    });
    if (reply.accepted && reply.changed) this.onSupergraphChanged(reply.supergraphVersion);
    return reply;
  }

  async currentSupergraph(): Promise<Supergraph | null> {
    const [latest] = await this.orm.em.fork().find(SupergraphRevision, {}, { orderBy: { version: 'desc' }, limit: 1 });
    return latest ? { version: latest.version, sdl: latest.sdl } : null;
  }

  /**
   * Stamped with the registry's clock when it arrives, not the sender's: a skewed sender clock, or a registry
   * catching up on queued heartbeats, must not make a live subgraph look silent.
   */
  async recordHeartbeat(name: string, heartbeat: Pick<Heartbeat, 'ready' | 'eventLoopDelayMs'>, receivedAt = new Date()): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(
        SubgraphRegistration,
        { name },
        { lastHeartbeatAt: receivedAt, lastHeartbeatReady: heartbeat.ready ?? true, lastEventLoopDelayMs: heartbeat.eventLoopDelayMs ?? null },
      );
  }
}

/** Breaking changes, or the reason they could not be computed (an SDL that does not even parse is refused). */
function breakingChangesOf(previousSdl: string, nextSdl: string): string[] {
  try {
    return findBreakingChanges(previousSdl, nextSdl).map((change) => `breaking change: ${change}`);
  } catch (error) {
    return [`schema cannot be read: ${error instanceof Error ? error.message : 'invalid SDL'}`];
  }
}

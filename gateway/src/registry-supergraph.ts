import type { SupergraphManager, SupergraphSdlHook } from '@apollo/gateway';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '@hub/shared/logger';
import { supergraphSchema, type Supergraph } from '@hub/shared/messaging/registry-contracts';
import type { Subjects } from '@hub/shared/messaging/subjects';

/**
 * Serves whatever supergraph core's registry last accepted, and swaps to a newer one when told, without a
 * restart: Apollo Gateway finishes requests in flight on the old schema and plans new ones on the new.
 * Until the registry answers, the supergraph composed at build time is served, so a gateway can start
 * before core does.
 */
export class RegistrySupergraphManager implements SupergraphManager {
  private current = 0;
  private stopped = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly subjects: Subjects,
    private readonly fallbackSdl: string,
    private readonly logger: Logger,
  ) {}

  async initialize({ update }: Parameters<SupergraphSdlHook>[0]) {
    const refresh = async () => {
      const latest = await this.fetchLatest();
      if (!latest || latest.version <= this.current || this.stopped) return;
      this.current = latest.version;
      update(latest.sdl);
      this.logger.info({ version: latest.version }, 'supergraph updated from the registry');
    };
    const subscription = this.nc.subscribe(this.subjects.supergraphChanged, {
      callback: () => void refresh().catch((error: unknown) => this.logger.warn({ err: error }, 'supergraph refresh failed; keeping the current one')),
    });
    const initial = await this.fetchLatest().catch(() => null);
    if (initial) this.current = initial.version;
    this.logger.info({ version: initial?.version ?? 'build-time file' }, 'initial supergraph');
    return {
      supergraphSdl: initial?.sdl ?? this.fallbackSdl,
      cleanup: async () => {
        this.stopped = true;
        subscription.unsubscribe();
      },
    };
  }

  /** For readiness: the registry answers, and which supergraph this gateway serves. */
  async check(): Promise<string> {
    await this.fetchLatest();
    return this.current > 0 ? `serving v${this.current}` : 'serving the build-time supergraph';
  }

  private async fetchLatest(): Promise<Supergraph | null> {
    const message = await this.nc.request(this.subjects.currentSupergraph, '', { timeout: 3_000 });
    const body = message.json<unknown>();
    return body ? supergraphSchema.parse(body) : null;
  }
}

import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { Subjects } from './subjects.js';

export type { NatsConnection };

/** Connects with endless reconnects: a NATS restart must pause messaging, not kill the service. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, timeout: 5_000 });
}

/**
 * Declares the streams the hub relies on. File storage so a server restart keeps them; a production
 * deployment runs them with 3 replicas (or `sync_interval: always` on a single node), which this single
 * development server cannot show.
 */
export async function ensureStreams(nc: NatsConnection, subjects: Subjects): Promise<void> {
  const jsm = await jetstreamManager(nc);
  const streams = [
    { name: subjects.ordersStream, subjects: [subjects.ordersAll] },
    { name: subjects.summariesStream, subjects: [subjects.summaries] },
  ];
  for (const stream of streams) {
    const config = {
      ...stream,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(30 * 24 * 3600 * 1000),
      duplicate_window: nanos(2 * 60 * 1000),
    };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch {
      await jsm.streams.add(config);
    }
  }
}

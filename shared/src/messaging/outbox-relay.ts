import type { EntityManager } from '@mikro-orm/postgresql';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { OutboxEvent } from './outbox-event.entity.js';

export interface OutboxRelayOptions {
  nc: NatsConnection;
  em: EntityManager;
  logger: Logger;
  /** The service's schema, where its outbox table lives. */
  schema: string;
  batchSize?: number;
  /** Fallback poll; a commit that wrote events calls `nudge()` so delivery does not wait for it. */
  pollIntervalMs?: number;
  /** Publish a batch without waiting for each ack in turn (for services that queue thousands of events at once). */
  pipelined?: boolean;
  /** Fault injection for tests: runs after an event reached JetStream and before the row is marked published. */
  afterPublish?: (messageId: string) => void;
}

/**
 * Moves committed outbox rows to JetStream. Rows are claimed with SKIP LOCKED so several replicas can
 * run a relay; each is published with its message id, so a row published twice (crash between publish
 * and mark) is dropped by the stream's duplicate window, and consumers de-duplicate beyond it.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly js;

  constructor(private readonly options: OutboxRelayOptions) {
    this.js = jetstream(options.nc);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass now (coalesced with one already running). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Publishes everything pending; returns how many events went out. Tests call it to drain deterministically. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const published = await this.publishBatch();
      total += published;
      if (published < (this.options.batchSize ?? 100)) return total;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.drain()
        .then(
          () => undefined,
          (error: unknown) => {
            this.options.logger.warn({ err: error }, 'outbox relay pass failed; retrying');
          },
        )
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          const rerun = this.again;
          this.again = false;
          this.schedule(rerun ? 0 : (this.options.pollIntervalMs ?? 1_000));
        });
    }, delayMs);
  }

  private async publishBatch(): Promise<number> {
    const { em, schema, batchSize = 100 } = this.options;
    return em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      const rows: Array<{ id: string; message_id: string; subject: string; payload: unknown }> = await connection.execute(
        `select id, message_id, subject, payload from "${schema}".outbox_event
          where published_at is null order by id limit ? for update skip locked`,
        [batchSize],
        'all',
        tx.getTransactionContext(),
      );
      if (this.options.pipelined) {
        // One connection keeps publish order; waiting for the acks together removes a round trip per event.
        await Promise.all(rows.map((row) => this.js.publish(row.subject, JSON.stringify(row.payload), { msgID: row.message_id })));
        rows.forEach((row) => this.options.afterPublish?.(row.message_id));
      } else {
        for (const row of rows) {
          await this.js.publish(row.subject, JSON.stringify(row.payload), { msgID: row.message_id });
          this.options.afterPublish?.(row.message_id);
        }
      }
      if (rows.length > 0) {
        await tx.nativeUpdate(OutboxEvent, { id: { $in: rows.map((row) => Number(row.id)) } }, { publishedAt: new Date() });
      }
      return rows.length;
    });
  }
}

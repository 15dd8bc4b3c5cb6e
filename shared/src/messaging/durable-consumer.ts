import type { EntityManager } from '@mikro-orm/postgresql';
import type { JsMsg } from '@nats-io/jetstream';
import { hubJetStreamManager } from './jetstream-domain.js';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { ZodType } from 'zod';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { recordConsumerSettlement } from '../server/metrics.js';
import { ProcessedMessage } from './processed-message.entity.js';
import { consumeDurably, type DurableLoop } from './streams.js';

export interface DurableConsumerOptions<T> {
  nc: NatsConnection;
  em: EntityManager;
  logger: Logger;
  stream: string;
  durableName: string;
  /** One subject filter: the Debian NATS server (2.9) predates multi-subject filters. */
  filterSubject: string;
  schema: ZodType<T>;
  /** Applies the message's effect inside the transaction that also records the message as processed. */
  handle: (message: T, em: EntityManager) => Promise<void>;
  /** Called after each message is settled; tests wait on it instead of sleeping. */
  onSettled?: (outcome: { messageId: string; outcome: 'applied' | 'duplicate' | 'terminated' | 'retry' }) => void;
  /** Called after each message is settled (not retried) with how many of the stream's messages still wait for this consumer. */
  onDelivered?: (progress: { pending: number }) => void;
}

/** Back-off for transient failures: 1 s, 5 s, 30 s, then every minute, without giving up. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 60_000];

/**
 * Runs a durable JetStream consumer with one policy: apply each message exactly once (processed-message
 * row in the effect's transaction, then a double ack); `term` what can never succeed (invalid payload,
 * domain rule); `nak` with back-off what might succeed later (database or network trouble).
 */
export class DurableConsumer<T> {
  private loop: DurableLoop | undefined;

  constructor(private readonly options: DurableConsumerOptions<T>) {}

  async start(): Promise<void> {
    const { nc, stream, logger, durableName, filterSubject } = this.options;
    this.loop = await consumeDurably({
      nc,
      stream,
      logger,
      spec: { durable_name: durableName, filter_subject: filterSubject, ack_wait: nanos(30_000) },
      handle: (message) => this.settle(message),
    });
  }

  /** Messages of the stream this consumer has not been delivered yet (one request to the server; not for hot paths). */
  async pending(): Promise<number> {
    const info = await (await hubJetStreamManager(this.options.nc)).consumers.info(this.options.stream, this.options.durableName);
    return info.num_pending + info.num_ack_pending;
  }

  async stop(): Promise<void> {
    await this.loop?.stop();
  }

  private async settle(message: JsMsg): Promise<void> {
    const { logger, durableName } = this.options;
    const messageId = message.headers?.get('Nats-Msg-Id') || `${message.info.stream}:${message.seq}`;
    let outcome: 'applied' | 'duplicate' | 'terminated' | 'retry';
    try {
      const parsed = this.options.schema.safeParse(message.json());
      if (!parsed.success) {
        logger.error({ messageId, subject: message.subject, consumer: durableName }, 'invalid message payload; terminated');
        message.term('invalid payload');
        outcome = 'terminated';
      } else {
        const applied = await this.applyOnce(messageId, parsed.data);
        await message.ackAck();
        outcome = applied ? 'applied' : 'duplicate';
      }
    } catch (error) {
      if (error instanceof DomainError) {
        logger.error({ messageId, consumer: durableName, code: error.code }, 'message violates a domain rule; terminated');
        message.term(error.code);
        outcome = 'terminated';
      } else {
        const delay = RETRY_DELAYS_MS[Math.min(message.info.deliveryCount - 1, RETRY_DELAYS_MS.length - 1)];
        logger.warn({ messageId, consumer: durableName, err: error }, 'message handling failed; will retry');
        message.nak(delay);
        outcome = 'retry';
      }
    }
    recordConsumerSettlement(durableName, outcome, message.info.deliveryCount, message.info.pending);
    if (outcome !== 'retry') this.options.onDelivered?.({ pending: message.info.pending });
    this.options.onSettled?.({ messageId, outcome });
  }

  private async applyOnce(messageId: string, payload: T): Promise<boolean> {
    const consumer = this.options.durableName;
    return this.options.em.fork().transactional(async (tx) => {
      const claimed = await tx
        .createQueryBuilder(ProcessedMessage)
        .insert({ consumer, messageId, processedAt: new Date() })
        .onConflict(['consumer', 'messageId'])
        .ignore()
        .execute('run');
      if (claimed.affectedRows === 0) return false;
      await this.options.handle(payload, tx);
      return true;
    });
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { JsMsg } from '@nats-io/jetstream';
import { hubJetStreamManager } from './jetstream-domain.js';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { ZodType } from 'zod';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import { recordConsumerSettlement } from '../server/metrics.js';
import { BurstBatcher, type ItemOutcome } from './burst-batcher.js';
import { ProcessedMessage } from './processed-message.entity.js';
import { tableOf } from '../persistence/table-name.js';
import { runStatement } from '../persistence/run-statement.js';
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
  /** With `maxBatch`: applies a batch's messages (in arrival order, those not applied before) at once; else `handle` one by one. */
  handleBatch?: (messages: T[], em: EntityManager) => Promise<void>;
  /**
   * Applies up to this many messages that arrive together in one transaction (one claim, one commit) instead of one
   * each; a batch that fails as a whole is applied again message by message, so each keeps its own outcome. For
   * consumers on the placement path; unset, one message per transaction.
   */
  maxBatch?: number;
  /**
   * The handlers' effect is idempotent by itself (e.g. one insert that skips what is there): no processed-message row
   * and no transaction around it, so a batch costs only the handler's own statements. Every delivery counts as applied.
   */
  idempotent?: true;
  /** Called after each message is settled; tests wait on it instead of sleeping. */
  onSettled?: (outcome: { messageId: string; outcome: 'applied' | 'duplicate' | 'terminated' | 'retry' }) => void;
  /** Called after each message is settled (not retried) with how many of the stream's messages still wait for this consumer. */
  onDelivered?: (progress: { pending: number }) => void;
}

/** The batch size for consumers on the placement path: what one pull brings (`consumeDurably` asks for 64 at a time). */
export const PLACEMENT_PATH_BATCH = 64;

/** Back-off for transient failures: 1 s, 5 s, 30 s, then every minute, without giving up. */
const RETRY_DELAYS_MS = [1_000, 5_000, 30_000, 60_000];

/**
 * Runs a durable JetStream consumer with one policy: apply each message exactly once (processed-message
 * row in the effect's transaction, or a handler idempotent by itself, then a double ack); `term` what can
 * never succeed (invalid payload, domain rule); `nak` with back-off what might succeed later (database or
 * network trouble).
 */
export class DurableConsumer<T> {
  private loop: DurableLoop | undefined;
  private readonly batcher: BurstBatcher<Delivered<T>, boolean> | undefined;

  constructor(private readonly options: DurableConsumerOptions<T>) {
    if (options.maxBatch && options.maxBatch > 1) this.batcher = new BurstBatcher((items) => this.applyBatch(items), { maxBatch: options.maxBatch });
  }

  async start(): Promise<void> {
    const { nc, stream, logger, durableName, filterSubject } = this.options;
    this.loop = await consumeDurably({
      nc,
      stream,
      logger,
      spec: { durable_name: durableName, filter_subject: filterSubject, ack_wait: nanos(30_000) },
      ...(this.batcher ? { inFlight: this.options.maxBatch } : {}),
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
        const applied = await (this.batcher ? this.batcher.submit({ messageId, payload: parsed.data }) : this.applyOnce(messageId, parsed.data));
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

  /** In arrival order: the batcher runs one batch at a time and the handlers one after another inside it. */
  private async applyBatch(items: Array<Delivered<T>>): Promise<Array<ItemOutcome<boolean>>> {
    if (items.length > 1) {
      try {
        if (this.options.idempotent) {
          await this.applyAll(
            items.map((item) => item.payload),
            this.options.em.fork(),
          );
          return items.map(() => ({ ok: true as const, value: true }));
        }
        return await this.options.em.fork().transactional(async (tx) => {
          const claimed = new Set(await claimMessages(tx, this.options.durableName, items));
          // A message delivered twice in one batch is applied once: the first takes the claim.
          const fresh = items.map((item) => claimed.delete(item.messageId));
          await this.applyAll(
            items.filter((_, index) => fresh[index]).map((item) => item.payload),
            tx,
          );
          return fresh.map((value) => ({ ok: true as const, value }));
        });
      } catch {
        // Which message failed, and whether alone it would, only applying them one by one tells.
      }
    }
    const outcomes: Array<ItemOutcome<boolean>> = [];
    for (const item of items) {
      try {
        outcomes.push({ ok: true, value: await this.applyOnce(item.messageId, item.payload) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }

  private async applyAll(payloads: T[], em: EntityManager): Promise<void> {
    if (this.options.handleBatch) await this.options.handleBatch(payloads, em);
    else for (const payload of payloads) await this.options.handle(payload, em);
  }

  private async applyOnce(messageId: string, payload: T): Promise<boolean> {
    if (this.options.idempotent) {
      await this.options.handle(payload, this.options.em.fork());
      return true;
    }
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

interface Delivered<T> {
  messageId: string;
  payload: T;
}

/** Records a batch's messages as processed in one statement; returns the ids that were not processed before. */
async function claimMessages(em: EntityManager, consumer: string, items: ReadonlyArray<Delivered<unknown>>): Promise<string[]> {
  const table = tableOf(em, ProcessedMessage);
  const rows = await runStatement<{ message_id: string }>(
    em,
    `insert into ${table} (consumer, message_id, processed_at) select $1::text, id, $2::timestamptz from jsonb_array_elements_text($3::jsonb) as id
       on conflict (consumer, message_id) do nothing returning message_id`,
    [consumer, new Date(), JSON.stringify(items.map((item) => item.messageId))],
    { prepare: true },
  );
  return rows.map((row) => row.message_id);
}

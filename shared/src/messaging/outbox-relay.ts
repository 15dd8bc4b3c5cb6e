import type { EntityManager } from '@mikro-orm/postgresql';
import type { PubAck } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { inSpan, SpanKind, untraced, type TraceCarrier } from '../telemetry/trace-context.js';
import { publishAcked } from './jetstream-batch-publish.js';
import { PLAN_CLAIM_BY_INDEX } from '../persistence/queue-claim.js';
import { queryRows } from '../persistence/query-rows.js';
import { isMissingStream, redeclareStreams } from './streams.js';
import { traceHeaders } from './trace-headers.js';

/** NATS's default `max_payload`, for a connection that has not said its server's yet. */
const DEFAULT_MAX_PAYLOAD = 1_048_576;
const HEADER_MARGIN_BYTES = 4_096;

interface PendingEvent {
  id: string;
  message_id: string;
  subject: string;
  /** As PostgreSQL prints it: published as it is, never parsed and serialised again here. */
  payload: string;
  trace_context: TraceCarrier | null;
}

export interface OutboxRelayOptions {
  nc: NatsConnection;
  em: EntityManager;
  logger: Logger;
  /** The service's schema, where its outbox table lives. */
  schema: string;
  batchSize?: number;
  /** Fallback poll; a commit that wrote events calls `nudge()` so delivery does not wait for it. */
  pollIntervalMs?: number;
  /** Fault injection for tests: runs after an event reached JetStream and before the row is marked published. */
  afterPublish?: (messageId: string) => void;
  /**
   * How far back events are published again when a stream turns out to have been lost (a NATS server restarted on
   * an empty store): consumers that had not read them yet would otherwise never get them. Consumers de-duplicate
   * by message id, so what they had read is dropped. Default one hour.
   */
  replayWindowMs?: number;
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
  /** The newest sequence each stream acknowledged: a lower one later means the stream was created anew. */
  private readonly lastSequence = new Map<string, number>();

  constructor(private readonly options: OutboxRelayOptions) {}

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
      const { claimed, published } = await this.publishBatch();
      total += published;
      // A full batch may have more behind it, unless nothing in it could go out (oversized events only).
      if (claimed < (this.options.batchSize ?? 100) || published === 0) return total;
    }
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = untraced(() =>
      setTimeout(() => {
        this.running = this.drain()
          .then(
            () => undefined,
            (error: unknown) => this.recover(error),
          )
          .finally(() => {
            this.running = undefined;
            if (this.stopped) return;
            const rerun = this.again;
            this.again = false;
            this.schedule(rerun ? 0 : (this.options.pollIntervalMs ?? 1_000));
          });
      }, delayMs),
    );
  }

  /** Says why a pass failed; when it was a lost stream, declares the service's streams again and replays. */
  private async recover(error: unknown): Promise<void> {
    const { logger } = this.options;
    if (!isMissingStream(error)) {
      logger.warn({ err: error }, 'outbox relay pass failed; retrying');
      return;
    }
    // No stream answered: either the server lost it (a restart on an empty store) or, in a cluster, the stream's
    // leader is being elected. Only the declaration tells them apart, so only it decides what is logged.
    try {
      const recreated = await redeclareStreams(this.options.nc);
      if (recreated.length > 0) {
        logger.warn({ streams: recreated }, 'outbox relay: the server had lost streams; declared them again');
        await this.replayLost(recreated);
      } else logger.info({ cause: 'no JetStream stream answered' }, 'outbox relay: every stream is declared; retrying the pass');
      this.again = true;
    } catch (redeclareError) {
      logger.warn({ err: redeclareError }, 'outbox relay: no stream answered and declaring the streams failed; retrying');
    }
  }

  /** Marks recently published events unpublished again, so the next passes send them into the new streams. */
  private async replayLost(streams: string[]): Promise<void> {
    const { em, schema, logger, replayWindowMs = 3_600_000 } = this.options;
    const since = new Date(Date.now() - replayWindowMs);
    const replayed = await em
      .fork()
      .getConnection()
      .execute<{ affectedRows: number }>(`update "${schema}".outbox_event set published_at = null where published_at > ?`, [since], 'run');
    logger.warn({ streams, since: since.toISOString(), events: replayed.affectedRows }, 'outbox relay: publishing recent events again into re-created streams');
    this.again = true;
  }

  /** Streams whose acknowledged sequence went back: they were deleted and created again since the last batch. */
  private recreatedStreams(acks: PubAck[]): string[] {
    const recreated = new Set<string>();
    for (const ack of acks) {
      if (ack.duplicate) continue;
      const previous = this.lastSequence.get(ack.stream);
      if (previous !== undefined && ack.seq <= previous) recreated.add(ack.stream);
      this.lastSequence.set(ack.stream, ack.seq);
    }
    return [...recreated];
  }

  private async publishBatch(): Promise<{ claimed: number; published: number }> {
    const { em, schema, batchSize = 100 } = this.options;
    const { claimed, published, recreated } = await em.fork().transactional(async (tx) => {
      const connection = tx.getConnection();
      // Claimed and marked in one statement, inside a transaction that commits only after JetStream acknowledged
      // the batch: a failed publish rolls the marks back. The mark's loss in a crash only publishes the batch again
      // (dropped by message id), so its commit need not wait for the disk. The claim reads the pending index alone.
      await connection.execute(`select set_config('synchronous_commit', 'off', true), ${PLAN_CLAIM_BY_INDEX}`, [], 'run', tx.getTransactionContext());
      // The payload as PostgreSQL prints it: published as it is, never parsed and serialised again here. An array of
      // ids (not `id in (select …)`, which the planner answered with a scan of every unpublished row) finds them by key.
      const pending: PendingEvent[] = await connection.execute(
        `update "${schema}".outbox_event set published_at = ?
          where id = any(array(select id from "${schema}".outbox_event where published_at is null order by id limit ? for update skip locked))
            and published_at is null
          returning id, message_id, subject, payload::text as payload, trace_context`,
        [new Date(), batchSize],
        'all',
        tx.getTransactionContext(),
      );
      const rows = await this.setAsideOversized(
        tx,
        pending.sort((a, b) => Number(a.id) - Number(b.id)),
      );
      // One connection keeps publish order; waiting for the acks together removes a round trip per event, and the
      // events of a batch leave in one socket write. The producer spans only hand the trace on: JetStream's acks come
      // back for the batch as a whole.
      const messages = await Promise.all(
        rows.map((row) =>
          this.inProducerSpan(row, async (headers) => ({
            subject: row.subject,
            payload: row.payload,
            messageId: row.message_id,
            ...(headers ? { headers } : {}),
          })),
        ),
      );
      const acks = await publishAcked(this.options.nc, messages);
      rows.forEach((row) => this.options.afterPublish?.(row.message_id));
      return { claimed: pending.length, published: rows.length, recreated: this.recreatedStreams(acks) };
    });
    // After the commit, so the replay also covers the rows this batch has just marked.
    if (recreated.length > 0) {
      this.options.logger.warn({ streams: recreated }, 'outbox relay: a stream was created anew (its sequence went back)');
      await this.replayLost(recreated);
    }
    return { claimed, published };
  }

  /**
   * Keeps events the NATS server would refuse as too large out of the batch, unmarked: one such event would otherwise
   * fail every batch it is in and hold up the whole outbox behind it. It stays unpublished, so the outbox backlog
   * alert (age of the oldest unpublished event) and the log say so; the events behind it go on.
   */
  private async setAsideOversized(tx: EntityManager, rows: PendingEvent[]): Promise<PendingEvent[]> {
    // The server's limit covers headers too (message id, trace context): a margin keeps them inside it.
    const limit = (this.options.nc.info?.max_payload ?? DEFAULT_MAX_PAYLOAD) - HEADER_MARGIN_BYTES;
    const oversized = rows.filter((row) => Buffer.byteLength(row.payload) > limit);
    if (oversized.length === 0) return rows;
    await queryRows(
      tx,
      `update "${this.options.schema}".outbox_event set published_at = null where id in (select value::bigint from jsonb_array_elements_text(?::jsonb))`,
      [JSON.stringify(oversized.map((row) => row.id))],
    );
    for (const row of oversized) {
      this.options.logger.error(
        { messageId: row.message_id, subject: row.subject, bytes: Buffer.byteLength(row.payload), limit },
        'outbox event larger than the NATS server accepts: left unpublished, the events behind it go on',
      );
    }
    return rows.filter((row) => !oversized.includes(row));
  }

  /** Runs `work` in a producer span of the trace that queued the event, with the headers that carry it on. */
  private inProducerSpan<T>(row: PendingEvent, work: (headers: MsgHdrs | undefined) => Promise<T>): Promise<T> {
    const attributes = { 'messaging.system': 'nats', 'messaging.destination.name': row.subject, 'messaging.message.id': row.message_id };
    return inSpan(`publish ${row.subject}`, row.trace_context, { kind: SpanKind.PRODUCER, attributes }, (carrier) => work(traceHeaders(carrier)));
  }
}

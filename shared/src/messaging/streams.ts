import {
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerConfig,
  type ConsumerMessages,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from '../logger.js';
import { hubJetStream, hubJetStreamManager } from './jetstream-domain.js';
import { replicasToDeclare, streamReplicasFor } from './stream-replicas.js';
import { NoStreamForSubjectError } from './jetstream-batch-publish.js';
import { inMessageSpan } from './trace-headers.js';

// The client's error classes are not part of its public exports; the API error codes are.
const isStreamNotFound = (error: unknown) => error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound;
const isConsumerNotFound = (error: unknown) => error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound;

/**
 * How long one pull waits on the server. A pull held by a NATS node that died is noticed after two missed heartbeats
 * (half this each) and pulled again elsewhere: with the client's 30 s default, a cluster losing the consumer's leader
 * delayed events by 30-60 s; with 5 s, by about 5 s, for one idle pull per consumer every 5 s.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * What a stream keeps. The rest is the hub's policy for every stream: file storage, limits retention, and the
 * 2-minute duplicate window that drops a message re-published under the same id.
 */
export interface StreamSpec {
  name: string;
  subjects: string[];
  /** Keep messages this long; omitted: until superseded (with `newestPerSubject`) or forever. */
  maxAgeMs?: number;
  /** Keep only the newest message per subject: the stream is then the current state (catalogue, rule book). */
  newestPerSubject?: boolean;
  /**
   * `owner` (the default) creates the stream or brings it to this configuration; a `user` (a reader, a producer) only
   * creates it when missing: its NATS permissions allow no update (jetstream-use.ts).
   */
  role?: 'owner' | 'user';
}

/** A durable pull consumer's configuration; explicit acks and delivery from the stream's start are the hub's policy. */
export type ConsumerSpec = Pick<ConsumerConfig, 'durable_name' | 'filter_subject'> & Partial<Pick<ConsumerConfig, 'ack_wait' | 'max_ack_pending'>>;

/**
 * The streams each connection's service declared, so that they can be declared again when the server turns out to
 * have lost them (a NATS server restarted on an empty store). Keyed by connection because the relay and the
 * consumers that notice the loss hold the connection, not the service's list of streams.
 */
const declaredOn = new WeakMap<NatsConnection, { specs: Map<string, StreamSpec>; redeclaring?: Promise<string[]> }>();

function configOf(spec: StreamSpec, replicas: number) {
  return {
    name: spec.name,
    num_replicas: replicas,
    subjects: spec.subjects,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    duplicate_window: nanos(2 * 60_000),
    ...(spec.maxAgeMs ? { max_age: nanos(spec.maxAgeMs) } : {}),
    ...(spec.newestPerSubject ? { max_msgs_per_subject: 1 } : {}),
  };
}

/**
 * Creates the stream, or brings an existing one to the declared configuration (replicas only ever raised). Returns
 * whether it had to be created.
 */
async function upsertStream(jsm: JetStreamManager, spec: StreamSpec, replicas: number): Promise<boolean> {
  const config = configOf(spec, replicas);
  try {
    const existing = await jsm.streams.info(config.name);
    if (spec.role !== 'user')
      await whenPeersPlace(() => jsm.streams.update(config.name, { ...config, num_replicas: replicasToDeclare(replicas, existing.config.num_replicas) }));
    return false;
  } catch (error) {
    if (!isStreamNotFound(error)) throw error;
    await whenPeersPlace(() => jsm.streams.add(config));
    return true;
  }
}

const PLACEMENT_WAIT_MS = 30_000;

/**
 * Runs a stream change again while the cluster answers "no suitable peers for placement": a cluster that has just
 * formed (or a node that is restarting) answers requests before every peer has joined JetStream's meta group, so a
 * three-replica stream cannot be placed for a moment (seen in a clean-clone test run at load 12).
 */
async function whenPeersPlace<T>(change: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + PLACEMENT_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return await change();
    } catch (error) {
      if (!(error instanceof Error && /no suitable peers/i.test(error.message)) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1_000)));
    }
  }
}

/** Declares (creates or updates) the service's streams at start-up and remembers them for `redeclareStreams`. */
export async function declareStreams(nc: NatsConnection, specs: StreamSpec[]): Promise<void> {
  const declared = declaredOn.get(nc) ?? { specs: new Map<string, StreamSpec>() };
  declaredOn.set(nc, declared);
  const jsm = await hubJetStreamManager(nc);
  for (const spec of specs) {
    await upsertStream(jsm, spec, streamReplicasFor(nc.info));
    declared.specs.set(spec.name, spec);
  }
}

/**
 * Declares again every stream the connection's service declared; returns the names of those that were missing.
 * Concurrent callers (the relay and several consumers notice a lost store at once) share one pass.
 */
export function redeclareStreams(nc: NatsConnection): Promise<string[]> {
  const declared = declaredOn.get(nc);
  if (!declared) return Promise.resolve([]);
  declared.redeclaring ??= (async () => {
    const jsm = await hubJetStreamManager(nc);
    const missing: string[] = [];
    for (const spec of declared.specs.values()) if (await upsertStream(jsm, spec, streamReplicasFor(nc.info))) missing.push(spec.name);
    return missing;
  })().finally(() => {
    declared.redeclaring = undefined;
  });
  return declared.redeclaring;
}

/** A publish no stream answered: the client reports it as "JetStream not enabled", though usually the stream is gone. */
export function isMissingStream(error: unknown): boolean {
  return (error instanceof Error && error.name === 'JetStreamNotEnabled') || error instanceof NoStreamForSubjectError || isStreamNotFound(error);
}

/** A pull that found no consumer or stream (the pull API reports these as plain errors with the server's words). */
export function isMissingConsumer(error: unknown): boolean {
  if (isConsumerNotFound(error) || isStreamNotFound(error)) return true;
  return error instanceof Error && ['consumer not found', 'stream not found', 'consumer deleted'].includes(error.message);
}

function consumerConfigOf(spec: ConsumerSpec) {
  return { ack_policy: 'explicit' as const, deliver_policy: 'all' as const, ack_wait: nanos(30_000), max_deliver: -1, ...spec };
}

/** Creates the durable consumer, or brings an existing one to the declared filter and ack wait. */
export async function declareConsumer(nc: NatsConnection, stream: string, spec: ConsumerSpec): Promise<void> {
  const jsm = await hubJetStreamManager(nc);
  const config = consumerConfigOf(spec);
  try {
    await jsm.consumers.update(stream, spec.durable_name!, { filter_subject: config.filter_subject, ack_wait: config.ack_wait });
  } catch (error) {
    if (!isConsumerNotFound(error) && !isStreamNotFound(error)) throw error;
    if (isStreamNotFound(error)) await redeclareStreams(nc);
    await jsm.consumers.add(stream, config);
  }
}

export interface DurableLoop {
  /** Stops taking messages and waits for the one being handled. */
  stop(): Promise<void>;
}

/**
 * Consumes a durable consumer until stopped, each message in a span that continues its sender's trace, surviving the
 * server losing it: when the client reports the stream or consumer missing (a NATS server restarted on an empty
 * store), both are declared again and consumption starts afresh at once, rather than after the client's own 30-second
 * re-check. Logs the real cause, once per loss.
 */
export async function consumeDurably(options: {
  nc: NatsConnection;
  stream: string;
  spec: ConsumerSpec;
  logger: Logger;
  maxMessages?: number;
  /**
   * Messages handed on before the first of them is done (1: one at a time). More lets a handler gather those that
   * arrive together into one batch; it must then keep their order itself (`DurableConsumer` does).
   */
  inFlight?: number;
  handle: (message: JsMsg) => Promise<void>;
}): Promise<DurableLoop> {
  const { nc, stream, spec, logger } = options;
  const context = { stream, consumer: spec.durable_name };
  await declareConsumer(nc, stream, spec);
  let stopped = false;
  let messages = await (
    await hubJetStream(nc).consumers.get(stream, spec.durable_name!)
  ).consume({ max_messages: options.maxMessages ?? 64, expires: PULL_EXPIRES_MS });
  const restartOnLoss = (running: ConsumerMessages) =>
    void (async () => {
      for await (const status of running.status()) {
        if (status.type !== 'consumer_not_found' && status.type !== 'stream_not_found' && status.type !== 'consumer_deleted') continue;
        logger.warn({ ...context, cause: status.type }, 'JetStream lost a stream or consumer this service reads; declaring it again');
        await running.close();
        return;
      }
    })();
  restartOnLoss(messages);
  const reopen = async (): Promise<ConsumerMessages> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await declareConsumer(nc, stream, spec);
        const reopened = await (
          await hubJetStream(nc).consumers.get(stream, spec.durable_name!)
        ).consume({ max_messages: options.maxMessages ?? 64, expires: PULL_EXPIRES_MS });
        logger.info(context, 'stream and consumer declared again; consuming');
        return reopened;
      } catch (error) {
        logger.warn({ ...context, err: error }, 'declaring the consumer again failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
      }
    }
  };
  const loop = (async () => {
    for (;;) {
      const handling = new Set<Promise<void>>();
      for await (const message of messages) {
        const done: Promise<void> = inMessageSpan(message, { 'messaging.consumer.group.name': spec.durable_name! }, () => options.handle(message)).finally(() =>
          handling.delete(done),
        );
        handling.add(done);
        if (handling.size >= (options.inFlight ?? 1)) await Promise.race(handling);
      }
      await Promise.all(handling);
      if (stopped) return;
      messages = await reopen();
      restartOnLoss(messages);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await messages.close();
      await loop;
    },
  };
}

import type { JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';
import type { JwtSettings } from '@hub/shared/auth/jwt';
import { DomainError } from '@hub/shared/errors';
import type { Logger } from '@hub/shared/logger';
import { hubJetStream } from '@hub/shared/messaging/jetstream-domain';
import { declareConsumer, isMissingConsumer, type ConsumerSpec } from '@hub/shared/messaging/streams';
import type { TrackingSubjects } from '@hub/shared/notices/tracking-subjects';
import { carrierOf } from '../carrier-principal.js';
import type { EventIngestService } from '../event-ingest.service.js';
import type { CarrierEventInput } from '../domain/carrier-event.rules.js';

export interface CarrierEventsConsumerOptions {
  nc: NatsConnection;
  subjects: TrackingSubjects;
  jwt: JwtSettings;
  ingest: EventIngestService;
  logger: Logger;
  /** Messages pulled per round (default 1,000: thousands of events); their events are stored together, one transaction per carrier. */
  batchMessages?: number;
  /** Pull rounds in flight at once (default 2): one round's COPY overlaps the next one's fetch and validation. */
  concurrency?: number;
  onSettled?: (outcome: { messages: number; stored: number; parked: number; rejected: number; terminated: number }) => void;
}

/**
 * Pulls carrier event batches from JetStream and stores them in bulk. Each message is `{ events: [...] }`
 * with the carrier's bearer token in an `Authorization` header, checked like the HTTP endpoint, and its
 * subject's last token must be that carrier. Storing is idempotent by event id, so a message is acked after
 * its batch committed and a redelivery changes nothing; an unauthenticated or malformed message is
 * terminated; a database failure naks the round for redelivery.
 */
export class CarrierEventsConsumer {
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(private readonly options: CarrierEventsConsumerOptions) {}

  async start(): Promise<void> {
    const { nc, subjects } = this.options;
    await declareConsumer(nc, subjects.carrierEventsStream, this.consumerSpec());
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency ?? 2 }, () => this.run());
  }

  private consumerSpec(): ConsumerSpec {
    return {
      durable_name: this.options.subjects.carrierEventsConsumer,
      filter_subject: this.options.subjects.carrierEventsAll,
      ack_wait: nanos(60_000),
      // Room for every round in flight to be full.
      max_ack_pending: Math.max(20_000, (this.options.batchMessages ?? 1_000) * (this.options.concurrency ?? 2) * 2),
    };
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async run(): Promise<void> {
    const { nc, subjects, logger } = this.options;
    const consumer = await hubJetStream(nc).consumers.get(subjects.carrierEventsStream, subjects.carrierEventsConsumer);
    while (this.running) {
      try {
        const messages: JsMsg[] = [];
        const batch = await consumer.fetch({ max_messages: this.options.batchMessages ?? 1_000, expires: 1_000 });
        for await (const message of batch) messages.push(message);
        if (messages.length > 0) await this.settle(messages);
      } catch (error) {
        if (!this.running) break;
        logger.warn({ err: error }, 'carrier event pull failed; retrying');
        if (isMissingConsumer(error)) await declareConsumer(nc, subjects.carrierEventsStream, this.consumerSpec()).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async settle(messages: JsMsg[]): Promise<void> {
    const { subjects, jwt, ingest, logger } = this.options;
    const byCarrier = new Map<string, { messages: JsMsg[]; events: CarrierEventInput[] }>();
    let terminated = 0;
    for (const message of messages) {
      try {
        const carrierId = await carrierOf(jwt, message.headers?.get('Authorization') || undefined);
        if (message.subject !== subjects.carrierEvents(carrierId)) throw new DomainError('FORBIDDEN', 'subject of another carrier');
        const body = message.json<{ events?: unknown }>();
        if (!Array.isArray(body?.events)) throw new DomainError('BAD_USER_INPUT', 'no events array');
        const group = byCarrier.get(carrierId) ?? { messages: [], events: [] };
        group.messages.push(message);
        group.events.push(...(body.events as CarrierEventInput[]));
        byCarrier.set(carrierId, group);
      } catch (error) {
        logger.error(
          { subject: message.subject, code: error instanceof DomainError ? error.code : 'INVALID_JSON' },
          'carrier event message refused; terminated',
        );
        message.term();
        terminated += 1;
      }
    }
    const totals = { messages: messages.length, stored: 0, parked: 0, rejected: 0, terminated };
    for (const [carrierId, group] of byCarrier) {
      try {
        const result = await ingest.ingest(carrierId, group.events);
        totals.stored += result.stored;
        totals.parked += result.parked;
        totals.rejected += result.rejected.length;
        if (result.rejected.length > 0) {
          logger.warn(
            { carrierId, rejected: result.rejected.map(({ index, eventId, code, field }) => ({ index, eventId, code, field })) },
            'carrier events refused',
          );
        }
        await Promise.all(group.messages.map((message) => message.ackAck()));
      } catch (error) {
        logger.warn({ carrierId, err: error }, 'storing carrier events failed; will retry');
        group.messages.forEach((message) => message.nak(1_000));
      }
    }
    this.options.onSettled?.(totals);
  }
}

import type { PubAck } from '@nats-io/jetstream';
import { createInbox, headers, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';

export interface MessageToPublish {
  subject: string;
  payload: string;
  /** JetStream's de-duplication id (`Nats-Msg-Id`): a message published again under it is stored once. */
  messageId: string;
  /** Further headers (the trace context); the message id is added to them. */
  headers?: MsgHdrs;
}

/** No stream stores the subject (the server answered "no responders"): the relay re-declares its streams. */
export class NoStreamForSubjectError extends Error {
  constructor(readonly subject: string) {
    super(`no JetStream stream stores ${subject}`);
    this.name = 'NoStreamForSubjectError';
  }
}

/** The stream refused a message (limits, wrong expected sequence); carries the server's code and words. */
export class PublishRefusedError extends Error {
  constructor(
    readonly subject: string,
    readonly code: number,
    description: string,
  ) {
    super(`JetStream refused a message on ${subject}: ${description}`);
    this.name = 'PublishRefusedError';
  }
}

export class PublishAckTimeoutError extends Error {
  constructor(missing: number, timeoutMs: number) {
    super(`${missing} JetStream acks missing after ${timeoutMs} ms`);
    this.name = 'PublishAckTimeoutError';
  }
}

/**
 * Publishes messages to JetStream with all of them in flight at once and resolves with their acks in order
 * (JetStream's "async publish"). One reply subscription serves the whole batch, each message's reply subject
 * carries its index: `js.publish` instead opens a request per message (a timer, a mux entry and an Error
 * object each), which was half of fulfilment's CPU when an outage queued 20,000 events. Rejects with the first
 * refusal, or when acks are missing after `timeoutMs`; what was stored stays stored, and a retry under the
 * same message ids is dropped by the stream's duplicate window.
 */
export function publishAcked(nc: NatsConnection, messages: readonly MessageToPublish[], timeoutMs = 5_000): Promise<PubAck[]> {
  if (messages.length === 0) return Promise.resolve([]);
  // Replies must come under the connection's own inbox prefix: the only inboxes its permissions let it read.
  const inbox = createInbox((nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
  const acks: PubAck[] = new Array<PubAck>(messages.length);
  let pending = messages.length;
  return new Promise<PubAck[]>((resolve, reject) => {
    const finish = (error: Error | null) => {
      clearTimeout(timer);
      subscription.unsubscribe();
      if (error) reject(error);
      else resolve(acks);
    };
    const settle = (error: Error | null, reply: Msg) => {
      if (pending === 0) return;
      if (error) return finish(error);
      const index = Number(reply.subject.slice(inbox.length + 1));
      const message = messages[index];
      if (!message || acks[index]) return;
      if (reply.data.length === 0 && reply.headers?.code === 503) return finish(new NoStreamForSubjectError(message.subject));
      const answer = reply.json<PubAck & { error?: { code: number; description: string } }>();
      if (answer.error) return finish(new PublishRefusedError(message.subject, answer.error.code, answer.error.description));
      acks[index] = { stream: answer.stream, seq: answer.seq, duplicate: answer.duplicate ?? false, ...(answer.domain ? { domain: answer.domain } : {}) };
      if (--pending === 0) finish(null);
    };
    const subscription = nc.subscribe(`${inbox}.*`, { callback: settle });
    const timer = setTimeout(() => finish(new PublishAckTimeoutError(pending, timeoutMs)), timeoutMs);
    messages.forEach((message, index) => {
      const messageHeaders = message.headers ?? headers();
      messageHeaders.set('Nats-Msg-Id', message.messageId);
      nc.publish(message.subject, message.payload, { reply: `${inbox}.${index}`, headers: messageHeaders });
    });
  });
}

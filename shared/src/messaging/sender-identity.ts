import type { Msg } from '@nats-io/transport-node';

/**
 * Who sent a message on a per-identity subject (`….register.<subgraph>`, `….commands.<source>`, `….heartbeat.<name>`):
 * its last token. NATS permissions let only that identity's user publish there (see nats-permissions.ts), so the
 * token is proven by the server, unlike anything in the payload.
 */
export const senderOf = (subject: string): string => subject.slice(subject.lastIndexOf('.') + 1);

/**
 * JetStream can put messages on any subject without the subject's publish permission: a push consumer's deliver
 * subject (its messages carry a `$JS.ACK…` reply) or a stream's republish (a `Nats-Stream` header). Such a
 * message speaks for nobody.
 */
export function relayedByJetStream(message: Pick<Msg, 'reply' | 'headers'>): boolean {
  return Boolean(message.reply?.startsWith('$JS.')) || Boolean(message.headers?.has('Nats-Stream'));
}

/** A request its sender published itself, expecting the answer in its own inbox. */
export function isDirectRequest(message: Pick<Msg, 'reply' | 'headers'>): boolean {
  return Boolean(message.reply?.startsWith('_INBOX.')) && !relayedByJetStream(message);
}

import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type JetStreamManagerOptions,
  type JetStreamOptions,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * The JetStream domain each connection addresses (`NATS_JS_DOMAIN`). A client on a leaf node reaches the centre's
 * JetStream only through its domain: nats-server 2.9 refuses `$JS.API.>` across a leaf link, and the client then
 * sends its API calls as `$JS.<domain>.API.…`. Kept per connection, so that a test process can hold connections to
 * a centre and to a leaf at once; unset, the calls go to `$JS.API.…` as on a server without leaves.
 */
const domains = new WeakMap<NatsConnection, string>();

export function useJetStreamDomain(nc: NatsConnection, domain: string | undefined): void {
  if (domain) domains.set(nc, domain);
  else domains.delete(nc);
}

const withDomain = (nc: NatsConnection, options: JetStreamOptions): JetStreamOptions => {
  const domain = domains.get(nc);
  return domain ? { domain, ...options } : options;
};

/** `jetstream(nc)` in the connection's domain: every JetStream client of the hub is made here. */
export const hubJetStream = (nc: NatsConnection, options: JetStreamOptions = {}): JetStreamClient => jetstream(nc, withDomain(nc, options));

/** `jetstreamManager(nc)` in the connection's domain. */
export const hubJetStreamManager = (nc: NatsConnection, options: JetStreamManagerOptions = {}): Promise<JetStreamManager> =>
  jetstreamManager(nc, withDomain(nc, options));

import { readFileSync } from 'node:fs';
import { connect, credsAuthenticator, type ConnectionOptions, type NatsConnection } from '@nats-io/transport-node';
import { withRoles, type StreamUse } from './jetstream-use.js';
import { inboxPrefixOf } from './nats-permissions.js';
import { declareStreams } from './streams.js';
import type { Subjects } from './subjects.js';

export type { NatsConnection };

/**
 * How a service proves who it is to NATS. Secrets come from files (a mounted secret, a `.creds` file), never
 * from the environment itself, so they do not show up in process listings or crash reports.
 */
export interface NatsAuth {
  user?: string | undefined;
  passwordFile?: string | undefined;
  /** A NATS `.creds` file (JWT and NKey seed), for decentralised (operator) authentication. */
  credentialsFile?: string | undefined;
  /** CA bundle to verify the server's TLS certificate; setting it turns TLS on. */
  tlsCaFile?: string | undefined;
}

export function natsAuthOf(env: {
  NATS_USER?: string | undefined;
  NATS_PASSWORD_FILE?: string | undefined;
  NATS_CREDENTIALS_FILE?: string | undefined;
  NATS_TLS_CA_FILE?: string | undefined;
}): NatsAuth {
  return { user: env.NATS_USER, passwordFile: env.NATS_PASSWORD_FILE, credentialsFile: env.NATS_CREDENTIALS_FILE, tlsCaFile: env.NATS_TLS_CA_FILE };
}

/** Connection options that authenticate as `auth` (and verify the server's TLS certificate). */
export function natsAuthOptions(auth: NatsAuth): Partial<ConnectionOptions> {
  return {
    // Replies arrive under the user's own inbox prefix, the only inboxes its permissions let it read.
    ...(auth.user
      ? { user: auth.user, pass: auth.passwordFile ? readFileSync(auth.passwordFile, 'utf8').trim() : '', inboxPrefix: inboxPrefixOf(auth.user) }
      : {}),
    ...(auth.credentialsFile ? { authenticator: credsAuthenticator(readFileSync(auth.credentialsFile)) } : {}),
    ...(auth.tlsCaFile ? { tls: { caFile: auth.tlsCaFile } } : {}),
  };
}

/** NATS_URL names one server or, comma-separated, several (a cluster's nodes): the client fails over between them. */
export const natsServersOf = (url: string): string[] =>
  url
    .split(',')
    .map((server) => server.trim())
    .filter(Boolean);

/**
 * Connects with endless reconnects: a NATS restart must pause messaging, not kill the service. Without async
 * traces: the client would otherwise build two Error objects (with stacks) for every request, JetStream publish
 * acks included, which was a quarter of fulfilment's CPU when publishing 20,000 outbox events.
 */
export async function connectNats(url: string, name: string, auth: NatsAuth = {}): Promise<NatsConnection> {
  return connect({
    servers: natsServersOf(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    timeout: 5_000,
    noAsyncTraces: true,
    ...natsAuthOptions(auth),
  });
}

export class AnonymousNatsError extends Error {
  constructor(url: string) {
    super(
      `NATS at ${url} lets clients in without credentials: anyone who reaches it could register a subgraph under another's name or answer core's requests. Production needs NATS with authentication (see ARCHITECTURE, "NATS in production").`,
    );
    this.name = 'AnonymousNatsError';
  }
}

/**
 * Production refuses to run against a NATS that admits anonymous clients: with it, any neighbour on the network
 * could re-route a region's orders. Tries to connect with no credentials; being let in is the failure.
 */
export async function assertNatsRefusesAnonymous(url: string, auth: Pick<NatsAuth, 'tlsCaFile'> = {}): Promise<void> {
  const anonymous = await connect({
    servers: natsServersOf(url),
    name: 'anonymous-probe',
    timeout: 2_000,
    reconnect: false,
    ...(auth.tlsCaFile ? { tls: { caFile: auth.tlsCaFile } } : {}),
  }).catch(() => undefined);
  if (!anonymous) return;
  await anonymous.close();
  throw new AnonymousNatsError(url);
}

/**
 * Declares core's streams as far as `uses` (the service's `jetStreamUseOf`) involves it: core owns them; regions and
 * domain subgraphs that read or feed one create it only when missing. Without `uses`, as their owner. On a cluster of
 * three or more servers they get 3 replicas (`streamReplicasFor`); a single server needs `sync_interval: always`.
 */
export async function ensureStreams(nc: NatsConnection, subjects: Subjects, uses?: StreamUse[]): Promise<void> {
  await declareStreams(
    nc,
    withRoles(
      [
        { name: subjects.ordersStream, subjects: [subjects.ordersAll], maxAgeMs: 30 * 86_400_000 },
        { name: subjects.summariesStream, subjects: [subjects.summaries], maxAgeMs: 30 * 86_400_000 },
        { name: subjects.approvalsStream, subjects: [subjects.approvalsAll], maxAgeMs: 30 * 86_400_000 },
      ],
      uses,
    ),
  );
}

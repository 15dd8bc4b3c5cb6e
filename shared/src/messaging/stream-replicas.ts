/** What the connected server says about its cluster (the client's `nc.info`, kept current by the server's gossip). */
export interface ClusterView {
  cluster?: string | undefined;
  /** Every server of the cluster clients may connect to, this one included. */
  connect_urls?: string[] | undefined;
}

/**
 * How many copies of each stream to keep: 3 on a cluster of three or more servers, so that losing one server loses no
 * acknowledged message and leaves a quorum to elect a new leader; 1 on a single server (nothing to replicate to).
 * A cluster that hides its members (`no_advertise`) looks like a single server here.
 */
export function streamReplicasFor(server: ClusterView | undefined): 1 | 3 {
  return server?.cluster && (server.connect_urls?.length ?? 0) >= 3 ? 3 : 1;
}

/**
 * An existing stream is raised to the wanted replicas (an R1 stream when the cluster appears), never lowered: a service
 * that starts while a node is away sees fewer servers, and must not take the copies away.
 */
export const replicasToDeclare = (wanted: number, existing: number | undefined): number => Math.max(wanted, existing ?? 0);

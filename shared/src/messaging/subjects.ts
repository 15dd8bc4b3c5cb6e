/**
 * Every subject, stream and durable consumer name, in one place. The version token (`v1`) lets a new
 * payload shape run beside the old one while consumers migrate.
 */
export function subjectsFor(namespace: string) {
  return {
    ordersStream: `${namespace.toUpperCase()}_ORDERS`,
    ordersAll: `${namespace}.orders.v1.>`,
    orderPlaced: (region: string) => `${namespace}.orders.v1.placed.${region}`,
    orderStatusChanged: (region: string) => `${namespace}.orders.v1.status-changed.${region}`,
    ordersOfRegion: (region: string) => `${namespace}.orders.v1.*.${region}`,
    /** Request/reply (not JetStream): a region registers an order with core and waits for the master record. */
    registerOrder: `${namespace}.core.v1.orders.register`,
    /** Request/reply: a region moves an order's status (e.g. the return flow) as a system actor. */
    transitionOrder: `${namespace}.core.v1.orders.transition`,
    regionConsumer: (region: string) => `${namespace}-${region}-orders`,
    /** Request/reply: a subgraph registers its URL and schema; core checks composition before accepting. */
    registerSubgraph: `${namespace}.core.v1.registry.register`,
    /** Request/reply: the current supergraph; gateways ask on start-up and after each change notice. */
    currentSupergraph: `${namespace}.core.v1.registry.supergraph`,
    /** Core announces an accepted schema change; gateways then fetch the new supergraph. */
    supergraphChanged: `${namespace}.registry.v1.supergraph-changed`,
    heartbeat: (name: string) => `${namespace}.registry.v1.heartbeat.${name}`,
    heartbeats: `${namespace}.registry.v1.heartbeat.*`,
    summariesStream: `${namespace.toUpperCase()}_SUMMARIES`,
    summaries: `${namespace}.summaries.v1.>`,
    summary: (region: string) => `${namespace}.summaries.v1.${region}`,
    summaryConsumer: `${namespace}-core-summaries`,
  };
}

export type Subjects = ReturnType<typeof subjectsFor>;

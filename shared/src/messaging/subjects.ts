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
    /**
     * Request/reply, sent only by a command relay: one command from a subgraph's outbox; core answers `CommandReply`.
     * The last token is the sender's identity, which NATS permissions pin to that sender's user.
     */
    coreCommands: (source: string) => `${namespace}.core.v1.commands.${source}`,
    coreCommandsAll: `${namespace}.core.v1.commands.*`,
    /** Core announces it is taking commands (at start-up), so relays re-send what waits in back-off at once. */
    coreAvailable: `${namespace}.core.v1.available`,
    regionConsumer: (region: string) => `${namespace}-${region}-orders`,
    /**
     * Request/reply: a subgraph registers its URL and schema; core checks composition before accepting. One subject
     * per subgraph, so that only the subgraph's own NATS user can register it.
     */
    registerSubgraph: (name: string) => `${namespace}.core.v1.registry.register.${name}`,
    registerSubgraphAll: `${namespace}.core.v1.registry.register.*`,
    /** Request/reply: the current supergraph; gateways ask on start-up and after each change notice. */
    currentSupergraph: `${namespace}.core.v1.registry.supergraph`,
    /** Core announces an accepted schema change; gateways then fetch the new supergraph. */
    supergraphChanged: `${namespace}.registry.v1.supergraph-changed`,
    heartbeat: (name: string) => `${namespace}.registry.v1.heartbeat.${name}`,
    heartbeats: `${namespace}.registry.v1.heartbeat.*`,
    /** Core tells the approvers of a held order's next level that it waits for them (issue 14); an operator inbox or notifier reads it. */
    approvalsStream: `${namespace.toUpperCase()}_APPROVALS`,
    approvalsAll: `${namespace}.approvals.v1.>`,
    holdAwaitingApproval: (region: string) => `${namespace}.approvals.v1.hold-awaiting.${region}`,
    summariesStream: `${namespace.toUpperCase()}_SUMMARIES`,
    summaries: `${namespace}.summaries.v1.>`,
    summary: (region: string) => `${namespace}.summaries.v1.${region}`,
    summaryConsumer: `${namespace}-core-summaries`,
    /** Published by order-rules (one subject per rule set, see `rules/replication/rules-contracts.ts`); regions and fulfilment read it. */
    orderRulesStream: `${namespace.toUpperCase()}_ORDER_RULES`,
    orderRulesAll: `${namespace}.order-rules.v1.>`,
  };
}

export type Subjects = ReturnType<typeof subjectsFor>;

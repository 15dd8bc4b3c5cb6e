import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EVENT_LOOP_SAMPLE_MS } from './event-loop-delay.js';

/**
 * The process's Prometheus metrics. One registry per process, every series labelled with the service it
 * describes: in production a process is one service; in the in-process test harness several services share
 * a process, and the `service` label keeps their series apart.
 *
 * Label values are bounded: service, operation and consumer names and error codes, never ids or input.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });

const LATENCY_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const graphqlMetrics = {
  duration: new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL requests by operation name and outcome (ok, or error when the response carries errors); its _count is the request rate.',
    labelNames: ['service', 'operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [metricsRegistry],
  }),
  errors: new Counter({
    name: 'hub_graphql_errors_total',
    help: 'GraphQL errors by operation name and error code.',
    labelNames: ['service', 'operation', 'code'] as const,
    registers: [metricsRegistry],
  }),
};

export const consumerMetrics = {
  settled: new Counter({
    name: 'hub_consumer_messages_total',
    help: 'JetStream messages settled by a durable consumer, by outcome (applied, duplicate, terminated, retry).',
    labelNames: ['consumer', 'outcome'] as const,
    registers: [metricsRegistry],
  }),
  redeliveries: new Counter({
    name: 'hub_consumer_redeliveries_total',
    help: 'Messages a durable consumer received more than once (a nak, an ack that did not arrive in time).',
    labelNames: ['consumer'] as const,
    registers: [metricsRegistry],
  }),
  pending: new Gauge({
    name: 'hub_consumer_pending_messages',
    help: 'Messages of the stream not yet delivered to the durable consumer, as of its last settled message (its lag).',
    labelNames: ['consumer'] as const,
    registers: [metricsRegistry],
  }),
};

/** Records one settled JetStream message; called by the durable consumer, costs no request to the server. */
export function recordConsumerSettlement(consumer: string, outcome: string, deliveryCount: number, pending: number): void {
  consumerMetrics.settled.inc({ consumer, outcome });
  if (deliveryCount > 1) consumerMetrics.redeliveries.inc({ consumer });
  consumerMetrics.pending.set({ consumer }, pending);
}

/** What a gauge reads at scrape time, for one service. A probe that fails leaves its series out of that scrape. */
type Probe = (gauge: Gauge<string>) => Promise<void>;

/** Gauges whose values are read at scrape time from per-service probes (pool state, outbox backlog, registry). */
class ProbedGauge {
  private readonly probes = new Map<string, Probe>();
  readonly gauge: Gauge<string>;

  constructor(name: string, help: string, labelNames: string[]) {
    const probes = this.probes;
    this.gauge = new Gauge({
      name,
      help,
      labelNames,
      registers: [metricsRegistry],
      async collect() {
        this.reset();
        await Promise.all([...probes.values()].map((probe) => probe(this).catch(() => undefined)));
      },
    });
  }

  /** Adds a service's probe; the returned function removes it (the service closed). */
  add(service: string, probe: Probe): () => void {
    this.probes.set(service, probe);
    return () => {
      if (this.probes.get(service) === probe) this.probes.delete(service);
    };
  }
}

export const probedGauges = {
  pool: new ProbedGauge('hub_db_pool_connections', 'Database pool connections by state: total (open), idle, waiting (requests queued for one), max.', [
    'service',
    'state',
  ]),
  outboxBacklog: new ProbedGauge('hub_outbox_backlog', 'Outbox events committed but not yet published to NATS (counted up to 100000).', ['service']),
  outboxAge: new ProbedGauge('hub_outbox_oldest_unpublished_age_seconds', 'Age of the oldest unpublished outbox event; 0 when none waits.', ['service']),
  registryHealth: new ProbedGauge(
    'hub_registry_subgraph_health',
    "Core's registry view of each subgraph: 1 for its current health (UP, NOT_READY, STALE or DOWN), 0 for the others.",
    ['subgraph', 'health'],
  ),
};

/** The counters of a `pg` pool, as node-postgres exposes them. */
export interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options: { max?: number };
}

export function poolProbe(service: string, pool: () => Promise<PoolStats>): Probe {
  return async (gauge) => {
    const stats = await pool();
    gauge.set({ service, state: 'total' }, stats.totalCount);
    gauge.set({ service, state: 'idle' }, stats.idleCount);
    gauge.set({ service, state: 'waiting' }, stats.waitingCount);
    gauge.set({ service, state: 'max' }, stats.options.max ?? 10);
  };
}

/** Most rows counted per scrape: the count uses the published_at index, and the cap bounds its cost when the relay is far behind. */
export const OUTBOX_COUNT_CAP = 100_000;

/**
 * The backlog query: the unpublished rows (published_at index, where nulls are indexed) up to the cap, their
 * count and the oldest creation time. Written for the `outbox_event` table every service has in its schema.
 */
export function outboxBacklogSql(schema: string): string {
  return `select count(*)::int as backlog, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as age
            from (select created_at from "${schema}".outbox_event where published_at is null limit ${OUTBOX_COUNT_CAP}) waiting`;
}

/**
 * The outbox gauges of one service: both read one query, shared while it is younger than a second, so a
 * scrape costs one bounded indexed query per service.
 */
export function outboxProbes(service: string, query: () => Promise<{ backlog: number; age: number }>): { backlog: Probe; age: Probe } {
  let last: { at: number; result: Promise<{ backlog: number; age: number }> } | undefined;
  const read = () => {
    if (!last || Date.now() - last.at > 1_000) last = { at: Date.now(), result: query() };
    return last.result;
  };
  return {
    backlog: async (gauge) => gauge.set({ service }, (await read()).backlog),
    age: async (gauge) => gauge.set({ service }, (await read()).age),
  };
}

/** Renders the registry in Prometheus text format. */
export async function renderMetrics(): Promise<{ contentType: string; body: string }> {
  return { contentType: metricsRegistry.contentType, body: await metricsRegistry.metrics() };
}

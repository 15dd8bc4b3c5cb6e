import { CoreCommandRelay, type CoreCommandRelayOptions } from '@hub/shared/commands/command-relay';
import { CoreCommandRecord } from '@hub/shared/commands/core-command.entity';
import { orderEventSchema, type OrderEvent } from '@hub/shared/messaging/contracts';
import { DurableConsumer, PLACEMENT_PATH_BATCH, type DurableConsumerOptions } from '@hub/shared/messaging/durable-consumer';
import { OutboxEvent } from '@hub/shared/messaging/outbox-event.entity';
import { OutboxRelay } from '@hub/shared/messaging/outbox-relay';
import { ProcessedMessage } from '@hub/shared/messaging/processed-message.entity';
import type { RuleSetPublication } from '@hub/shared/rules/domain/rule';
import { RulesReplica, RulesReplicaRow } from '@hub/shared/rules/replication/rules-replica';
import { declareStreams } from '@hub/shared/messaging/streams';
import type { RegistryPresence } from '@hub/shared/region/registry-client';
import { openInfrastructure } from '@hub/shared/server/infrastructure';
import type { RunningServer } from '@hub/shared/server/service-server';
import { serveSubgraph } from '@hub/shared/subgraph/serve-subgraph';
import { AllocationService } from './allocation/allocation.service.js';
import { HighsSolver } from './allocation/solver/highs-solver.js';
import type { FulfilmentEnv } from './env.js';
import { PlanningService } from './forecast/planning.service.js';
import { InventoryService } from './inventory/inventory.service.js';
import { fulfilmentSubjectsFor } from './messaging/fulfilment-subjects.js';
import { NodeService } from './nodes/node.service.js';
import { REALLOCATION_NOTE_PURPOSE } from './nodes/reallocation-notes.js';
import { ReallocationService } from './nodes/reallocation.service.js';
import { createOrderEventsBatchHandler, createOrderEventsHandler } from './orders/order-events.handler.js';
import { ConsolidationService } from './consolidation/consolidation.service.js';
import { ReservationExpiryService } from './orders/reservation-expiry.service.js';
import { fulfilmentMigrations } from './persistence/migrations/index.js';
import { buildFulfilmentSchema } from './schema.js';
import { DEMO_NETWORK } from './seed/demo-network.js';
import { seedNetwork } from './seed/network.js';
import { query } from './persistence/sql.js';
import { ShipmentProgressService, WAREHOUSE_STEP_PURPOSE } from './shipments/shipment-progress.service.js';
import { TransferReceiptService } from './transfers/transfer-receipt.service.js';

import { FULFILMENT_SCHEMA } from './persistence/sql.js';
export { FULFILMENT_SCHEMA };

export interface FulfilmentAppOptions {
  packageVersion?: string;
  onOrderEventSettled?: DurableConsumerOptions<OrderEvent>['onSettled'];
  /** Called after each attempt at a command for core (warehouse steps); tests wait on it. */
  onCommandSettled?: CoreCommandRelayOptions['onSettled'];
  /** Called after each rule-set publication fulfilment's copy of the order rules applied; tests wait on it. */
  onRulesApplied?: (publication: RuleSetPublication) => void;
}

/** The composition root of fulfilment: opens what it needs, wires the use cases, and starts listening. */
export async function createFulfilmentApp(env: FulfilmentEnv, options: FulfilmentAppOptions = {}) {
  const infra = await openInfrastructure('fulfilment', env, {
    schema: FULFILMENT_SCHEMA,
    entities: [OutboxEvent, ProcessedMessage, CoreCommandRecord, RulesReplicaRow],
    migrations: fulfilmentMigrations,
  });
  const { orm, nc, logger } = infra;
  const subjects = fulfilmentSubjectsFor(env.NATS_NAMESPACE);
  const relay = new OutboxRelay({ nc, em: orm.em, logger, schema: FULFILMENT_SCHEMA, batchSize: 1_000 });
  const nudge = () => relay.nudge();
  // Warehouse steps and re-allocation notes go to core through the shared command outbox, in order per order; a refusal stays on the command.
  const commands = new CoreCommandRelay({
    nc,
    orm,
    subjects: infra.subjects,
    logger,
    schema: FULFILMENT_SCHEMA,
    source: 'fulfilment',
    batchSize: 500,
    handlers: { [WAREHOUSE_STEP_PURPOSE]: {}, [REALLOCATION_NOTE_PURPOSE]: {} },
    ...(options.onCommandSettled ? { onSettled: options.onCommandSettled } : {}),
  });
  const progress = new ShipmentProgressService(orm, () => commands.nudge());
  const solver = env.SOLVER_ENABLED ? new HighsSolver() : null;
  // Allocation weights from the order rules (issue 13/14), from fulfilment's own copy: no network round trip per order.
  const rules = new RulesReplica({
    nc,
    orm,
    logger,
    namespace: env.NATS_NAMESPACE,
    service: 'fulfilment',
    schema: FULFILMENT_SCHEMA,
    ...(options.onRulesApplied ? { onApplied: options.onRulesApplied } : {}),
  });
  const allocation = new AllocationService({
    solver,
    subjects,
    rules: { book: rules, mayBeBehind: () => rules.mayBeBehind() },
    backorderPolicy: env.BACKORDER_POLICY,
    planner: { timeLimitSeconds: env.SOLVER_TIME_LIMIT_MS / 1000, mipRelGap: env.SOLVER_MIP_REL_GAP, maxVariables: 20_000 },
  });
  const reallocation = new ReallocationService(orm, allocation, subjects, logger, nudge, env.REALLOCATION_CHUNK, () => commands.nudge());
  const nodes = new NodeService(orm, reallocation, subjects, nudge);
  const inventory = new InventoryService(orm);
  const planning = new PlanningService(orm);
  const receipts = new TransferReceiptService(orm);
  const consolidation = new ConsolidationService(orm);
  const handle = createOrderEventsHandler(allocation, consolidation);
  const handleBatch = createOrderEventsBatchHandler(allocation, consolidation);
  const expiry = new ReservationExpiryService(orm, subjects, logger, nudge);
  const consumer = new DurableConsumer<OrderEvent>({
    nc,
    em: orm.em,
    logger,
    stream: infra.subjects.ordersStream,
    durableName: subjects.ordersConsumer,
    filterSubject: infra.subjects.ordersAll,
    schema: orderEventSchema,
    // Placements arrive in bursts: one transaction for those that arrive together (issue 18).
    maxBatch: PLACEMENT_PATH_BATCH,
    handle,
    handleBatch,
    onSettled: (outcome) => {
      // After the commit: a relay pass started before it would find the new events not yet visible.
      if (outcome.outcome === 'applied') nudge();
      options.onOrderEventSettled?.(outcome);
    },
  });
  let server: RunningServer | undefined;
  let presence: RegistryPresence | undefined;
  // Consignments leave at their deadline (or once full); a missed tick is caught up by the next, deadlines being kept in SQL.
  const releaseTimer = setInterval(() => {
    consolidation.releaseDue().catch((error: unknown) => logger.error({ err: error }, 'releasing consolidated consignments failed'));
  }, env.CONSOLIDATION_SWEEP_MS);
  releaseTimer.unref();
  const shutdown = async () => {
    clearInterval(releaseTimer);
    presence?.stop();
    await expiry.stop();
    await commands.stop();
    await relay.stop();
    await server?.close();
    await consumer.stop();
    await rules.stop();
    await solver?.close();
    await infra.close();
  };
  try {
    await declareStreams(infra.nc, [{ name: subjects.stream, subjects: [subjects.all], maxAgeMs: 30 * 86_400_000 }]);
    if (env.NODE_ENV === 'development') {
      // `npm start` shows a network with stock; a deployment brings its own nodes.
      const [{ count }] = (await query<{ count: number }>(orm.em.fork(), 'select count(*)::int as count from node')) as [{ count: number }];
      if (count === 0) await seedNetwork(orm.em.fork(), DEMO_NETWORK);
    }
    // The rules first: an order taken from the stream is weighed with the rules fulfilment held when it stopped, at least.
    await rules.start();
    await consumer.start();
    relay.start();
    expiry.start(env.RESERVATION_SWEEP_INTERVAL_MS);
    commands.start();
    await reallocation.resumeUnfinished();
    const { schema, sdl } = await buildFulfilmentSchema({ orm, nodes, inventory, planning, progress, receipts });
    ({ server, presence } = await serveSubgraph(infra, env, {
      name: 'fulfilment',
      schema,
      sdl,
      packageVersion: options.packageVersion ?? '0.0.0',
      readiness: infra.readiness,
    }));
  } catch (error) {
    await shutdown();
    throw error;
  }
  return {
    url: server.url,
    orm,
    relay,
    commands,
    progress,
    allocation,
    consolidation,
    reallocation,
    expiry,
    rules,
    nodes,
    inventory,
    planning,
    receipts,
    subjects,
    registryVerdict: presence.verdict,
    close: shutdown,
  };
}
export type FulfilmentApp = Awaited<ReturnType<typeof createFulfilmentApp>>;

import type { EntityManager } from '@mikro-orm/postgresql';
import { AllocationState } from './domain/allocation-state.js';
import type { NodeFacts, OrderPlan, OrderToAllocate, ServiceLevel } from './domain/allocation.types.js';
import { planBatch, type PlannerSettings } from './solver/batch-planner.js';
import type { HighsSolver } from './solver/highs-solver.js';
import { lockCapacityAndLoadContext, type AllocationContext } from './allocation-context.js';
import { enqueueEvents, writeOrderStates, writePlans, writeTimeline, writeTimelineAndEvents, type Actor, type WrittenShipment } from './plan-writer.js';
import { pgArray, utcDay } from '../nodes/node.repository.js';
import type { FulfilmentSubjects } from '../messaging/fulfilment-subjects.js';
import { asJson, query, uuidList } from '../persistence/sql.js';
import type { RuleBook } from '@hub/shared/rules/domain/rule-book';
import { orderWeightsOf, type OrderWeights, type StoredRuleFacts } from './domain/order-weights.js';

export type BackorderPolicy = 'BACKORDER' | 'REFUSE';

export interface AllocationDependencies {
  solver: HighsSolver | null;
  planner: PlannerSettings;
  /** The default; an order's inventory-lock rule may set its own (`fulfilment_order.on_shortage`). */
  backorderPolicy: BackorderPolicy;
  subjects: FulfilmentSubjects;
  /** Fulfilment's copy of the order rules: allocation-weight rules decide each order's weights on top of its channel's. */
  rules?: { book: RuleBook; mayBeBehind: () => boolean };
}

/** A `fulfilment_order` row as allocation reads it. */
export interface OrderRow {
  order_id: string;
  region: string;
  channel: string;
  service_level: ServiceLevel;
  lat: number;
  lon: number;
  allow_cross_border: boolean;
  placed_at: Date;
}
interface LineRow {
  order_id: string;
  line_no: number;
  sku: string;
  quantity: number;
  unit_weight_grams: number;
}

/** What allocation reads about each order besides its lines: its channel's weights, rules and shortage policy apply. */
export interface OrderFacts {
  order_id: string;
  channel: string;
  region: string;
  /** Null unless allocation-weight rules are held (see `weighsByRules`). */
  rule_facts: StoredRuleFacts | null;
  on_shortage: BackorderPolicy | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'fulfilment' };

/** Which units of which orders to place, with the order facts allocation needs. */
export async function loadOrdersToAllocate(
  em: EntityManager,
  orderIds: string[],
  lineFilter: 'BACKORDERED' | { shipmentLines: LineRow[] },
): Promise<OrderToAllocate[]> {
  if (orderIds.length === 0) return [];
  const orders = await query<OrderRow>(em, `select * from fulfilment_order where order_id = any(?::uuid[])`, [uuidList(orderIds)]);
  const lines =
    lineFilter === 'BACKORDERED'
      ? await query<LineRow>(
          em,
          `select order_id, line_no, sku, backordered as quantity, unit_weight_grams from fulfilment_order_line
        where order_id = any(?::uuid[]) and backordered > 0 order by order_id, line_no`,
          [uuidList(orderIds)],
        )
      : lineFilter.shipmentLines;
  const byOrder = new Map<string, LineRow[]>();
  for (const line of lines) (byOrder.get(line.order_id) ?? byOrder.set(line.order_id, []).get(line.order_id)!).push(line);
  return orders
    .filter((order) => byOrder.has(order.order_id))
    .map((order) => ({
      orderId: order.order_id,
      placedAt: new Date(order.placed_at),
      region: order.region,
      destination: { lat: order.lat, lon: order.lon },
      serviceLevel: order.service_level,
      allowCrossBorder: order.allow_cross_border,
      lines: byOrder
        .get(order.order_id)!
        .map((line) => ({ lineNo: line.line_no, sku: line.sku, quantity: line.quantity, unitWeightGrams: line.unit_weight_grams })),
    }));
}

/**
 * Locks the stock rows of the SKUs involved (in one global order, so concurrent allocations queue instead of
 * deadlocking) and today's capacity rows, then returns the free stock and the nodes as they are now.
 */
export async function lockAllocationState(
  em: EntityManager,
  skus: string[],
  now: Date,
): Promise<{ state: AllocationState; nodes: NodeFacts[]; weightsOf: AllocationContext['weightsOf'] }> {
  const stock = await query<{ sku: string; node_id: string; available: number }>(
    em,
    `select sku, node_id, available from inventory where sku = any(?::text[]) order by sku, node_id for update`,
    [pgArray([...new Set(skus)].sort())],
  );
  const { nodes, weightsOf } = await lockCapacityAndLoadContext(em, utcDay(now));
  return {
    state: AllocationState.of(
      nodes,
      stock.map((row) => ({ sku: row.sku, nodeId: row.node_id, available: row.available })),
    ),
    nodes,
    weightsOf,
  };
}

export interface AllocationOutcome {
  plans: OrderPlan[];
  shipments: WrittenShipment[];
  refused: string[];
  methods: string[];
  regionOf: Map<string, string>;
}

/** Why units are being placed: a new order, or shipments moved off a failed node. */
export interface AllocationMode {
  cause: 'allocation' | 'reallocation';
  movementNote: string;
  timelineNote?: string;
  /** Re-allocation: order id → the shipment the new one replaces. */
  replaces?: ReadonlyMap<string, string>;
  /** False: plan greedily even when a solver is configured (an outage's customers wait on the re-plan, not on the last percent of cost). */
  useSolver?: boolean;
  /**
   * Plans each order on its own, in the order given, against the stock the earlier ones left, as if each had been
   * allocated alone: placements that arrive together are served first come, first served; only the writes are shared.
   */
  eachAlone?: boolean;
  /**
   * Runs once the shipments are written and before anything about them is announced, and returns new ETAs by shipment
   * id for those whose departure it moved (a low-carbon consolidation hold), so events, notices and notes carry the ETA
   * the customer will see.
   */
  afterWrite?: (em: EntityManager, shipments: readonly WrittenShipment[]) => Promise<ReadonlyMap<string, string>>;
  /** The orders' facts when the caller has just written them (a placement), so they are not read back. */
  facts?: readonly OrderFacts[];
  /** Further events per order (customer notices), queued in the same statement as the planned-shipments events. */
  eventsFor?: (plan: OrderPlan, region: string, shipments: WrittenShipment[]) => QueuedEvent[];
}

export interface QueuedEvent {
  subject: string;
  messageId: string;
  payload: Record<string, unknown>;
}

export const PLACEMENT: AllocationMode = { cause: 'allocation', movementNote: 'order placed', eachAlone: true };

/**
 * Allocates orders' open units inside the caller's transaction: lock, plan (greedy, improved by HiGHS where
 * it pays), write set-based, queue a shipments-planned event per order. Under the REFUSE policy an order that
 * cannot be served in full gets nothing and is refused; under BACKORDER it keeps what could be reserved.
 */
export class AllocationService {
  constructor(private readonly deps: AllocationDependencies) {}

  async allocate(em: EntityManager, orders: OrderToAllocate[], actor: Actor, now: Date, mode: AllocationMode = PLACEMENT): Promise<AllocationOutcome> {
    if (orders.length === 0) return { plans: [], shipments: [], refused: [], methods: [], regionOf: new Map() };
    const { state, nodes, weightsOf } = await lockAllocationState(
      em,
      orders.flatMap((order) => order.lines.map((line) => line.sku)),
      now,
    );
    // An order's facts are read only while an allocation-weight rule set is held: a re-allocation of thousands of orders
    // without such rules does not pay for parsing them.
    const rows =
      mode.facts ??
      (await query<OrderFacts>(
        em,
        `select order_id, channel, region, case when ? then rule_facts end as rule_facts, on_shortage from fulfilment_order where order_id = any(?::uuid[])`,
        [this.weighsByRules(), uuidList(orders.map((o) => o.orderId))],
      ));
    const regionOf = new Map(rows.map((row) => [row.order_id, row.region]));
    const rules = this.deps.rules ? { book: this.deps.rules.book, mayBeBehind: this.deps.rules.mayBeBehind() } : null;
    const weighted = new Map<string, OrderWeights>(
      rows.map((row) => [
        row.order_id,
        orderWeightsOf(rules, { region: row.region, channel: row.channel, facts: row.rule_facts }, weightsOf(row.channel), now),
      ]),
    );
    const plans: OrderPlan[] = [];
    const methods: string[] = [];
    const methodOf = new Map<string, string>();
    // Orders with the same weights (their channel's, or what rules decided for them) are planned together.
    const groups = mode.eachAlone ? orders.map((order) => [order]) : groupBy(orders, (order) => weighted.get(order.orderId)?.key ?? 'DEFAULT').values();
    for (const group of groups) {
      const weights = weighted.get(group[0]!.orderId)?.weights ?? weightsOf('DEFAULT');
      const result = await planBatch(group, nodes, weights, state, mode.useSolver === false ? null : this.deps.solver, this.deps.planner);
      plans.push(...result.plans);
      methods.push(result.method);
      for (const plan of result.plans) methodOf.set(plan.orderId, result.method);
    }
    const policyOf = new Map(rows.map((row) => [row.order_id, row.on_shortage ?? this.deps.backorderPolicy]));
    const refused =
      mode.cause === 'allocation'
        ? plans.filter((plan) => plan.backordered.length > 0 && policyOf.get(plan.orderId) === 'REFUSE').map((plan) => plan.orderId)
        : [];
    const refusedSet = new Set(refused);
    const kept = plans.filter((plan) => !refusedSet.has(plan.orderId));
    const written = await writePlans(em, kept, new Map(orders.map((order) => [order.orderId, order])), new Map(nodes.map((node) => [node.id, node])), {
      now,
      actor,
      movementNote: mode.movementNote,
      ...(mode.replaces ? { replaces: mode.replaces } : {}),
    });
    await recordAllocationRules(em, written, weighted);
    // Each order records how its own plan was made (orders planned alone may differ).
    for (const method of new Set(methods)) {
      await writeOrderStates(
        em,
        kept.filter((plan) => methodOf.get(plan.orderId) === method),
        method,
        now,
        mode.cause === 'allocation' ? 'SET' : 'ADD',
      );
    }
    if (refused.length > 0) {
      await query(em, `update fulfilment_order set state = 'REFUSED', version = version + 1, updated_at = ? where order_id = any(?::uuid[])`, [
        now,
        uuidList(refused),
      ]);
    }
    const timeline = [
      ...plans.map((plan) => ({
        order_id: plan.orderId,
        kind:
          mode.cause === 'reallocation'
            ? 'REALLOCATED'
            : refusedSet.has(plan.orderId)
              ? 'REFUSED'
              : plan.backordered.length === 0
                ? 'ALLOCATED'
                : plan.shipments.length === 0
                  ? 'BACKORDERED'
                  : 'PARTIALLY_ALLOCATED',
        note: mode.timelineNote ?? (refusedSet.has(plan.orderId) ? 'not enough stock to ship the order in full' : `${plan.shipments.length} shipment(s)`),
        details: { shipments: plan.shipments.map((s) => ({ nodeId: s.nodeId, etaAt: s.etaAt })), backordered: plan.backordered },
      })),
      ...written
        .filter((shipment) => shipment.packingRefusals.length > 0)
        .map((shipment) => ({
          order_id: shipment.orderId,
          kind: 'PACKING_REFUSED',
          note: shipment.packingRefusals
            .map((refusal) => `line ${refusal.lineNo}: ${refusal.units} unit(s) ${refusal.code}`)
            .join('; ')
            .slice(0, 500),
          details: { shipmentId: shipment.id, refusals: shipment.packingRefusals },
        })),
    ];
    // What runs after the write may add its own timeline entries, which come after these.
    if (mode.afterWrite) await writeTimeline(em, timeline, actor, now);
    const moved = (await mode.afterWrite?.(em, written)) ?? new Map<string, string>();
    const shipments =
      moved.size === 0 ? written : written.map((shipment) => (moved.has(shipment.id) ? { ...shipment, etaAt: moved.get(shipment.id)! } : shipment));
    const shipmentsOf = new Map<string, WrittenShipment[]>();
    for (const shipment of shipments) (shipmentsOf.get(shipment.orderId) ?? shipmentsOf.set(shipment.orderId, []).get(shipment.orderId)!).push(shipment);
    const events = plans.flatMap((plan) => {
      const region = regionOf.get(plan.orderId) ?? 'unknown';
      const own = shipmentsOf.get(plan.orderId) ?? [];
      return [this.plannedEvent(plan, region, refusedSet.has(plan.orderId), own, now, mode.cause), ...(mode.eventsFor?.(plan, region, own) ?? [])];
    });
    if (mode.afterWrite) await enqueueEvents(em, events, now);
    else await writeTimelineAndEvents(em, timeline, events, actor, now);
    return { plans, shipments, refused, methods, regionOf };
  }

  /** Whether an allocation-weight rule set is held, so orders' rule facts must be read. */
  weighsByRules(): boolean {
    return (this.deps.rules?.book.versionsOf('ALLOCATION_WEIGHTS').length ?? 0) > 0;
  }

  private plannedEvent(plan: OrderPlan, region: string, refused: boolean, shipments: WrittenShipment[], now: Date, cause: string): QueuedEvent {
    const own = refused ? [] : shipments;
    return {
      subject: this.deps.subjects.shipmentsPlanned(region),
      messageId: `fulfilment.shipments-planned:${plan.orderId}:${own[0]?.id ?? `none:${now.getTime()}`}`,
      payload: {
        type: 'fulfilment.shipments-planned',
        version: 1,
        cause,
        orderId: plan.orderId,
        region,
        refused,
        shipments: own.map((s) => ({ shipmentId: s.id, nodeId: s.nodeId, etaAt: s.etaAt, deliveryMode: s.deliveryMode, units: s.units })),
        backordered: refused ? [] : plan.backordered,
        occurredAt: now.toISOString(),
      },
    };
  }
}

/** Each shipment planned with rule-decided weights names them and the rule-set versions, so an operator can say why it ships from there. */
async function recordAllocationRules(em: EntityManager, shipments: readonly WrittenShipment[], weighted: ReadonlyMap<string, OrderWeights>): Promise<void> {
  const rows = shipments.flatMap((shipment) => {
    const decided = weighted.get(shipment.orderId);
    return decided?.rules ? [{ id: shipment.id, rules: { weights: decided.weights, ...decided.rules } }] : [];
  });
  if (rows.length === 0) return;
  await query(em, `update shipment s set allocation_rules = r.rules from jsonb_to_recordset(?::jsonb) as r(id uuid, rules jsonb) where s.id = r.id`, [
    asJson(rows),
  ]);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) (groups.get(key(item)) ?? groups.set(key(item), []).get(key(item))!).push(item);
  return groups;
}

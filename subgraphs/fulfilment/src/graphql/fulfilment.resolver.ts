import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { actorOf, type Principal } from '@hub/shared/auth/principal';
import { canReadOrder, isRegionScoped, assertMayWrite } from '@hub/shared/auth/access';
import { ForbiddenError } from '@hub/shared/errors';
import type { RequestContext } from '@hub/shared/graphql/context';
import { loadBatched } from '@hub/shared/graphql/context';
import { OrderReference } from '@hub/shared/region/order-reference.type';
import { validateWeights } from '../allocation/domain/objective.js';
import type { PlanningService } from '../forecast/planning.service.js';
import type { InventoryService, StockRow } from '../inventory/inventory.service.js';
import { loadLanes, loadNodeRows, type NodeRow } from '../nodes/node.repository.js';
import type { NodeService } from '../nodes/node.service.js';
import type { JobRow } from '../nodes/reallocation.service.js';
import { asJson, query, uuidList } from '../persistence/sql.js';
import { RefusedError, type Refusal } from '../user-error.js';
import { assertNodeAction } from '../access/node-access.js';
import { PARTNER_SCOPES } from '../access/node-access.rules.js';
import { shipmentCarbonOf, type ShipmentCarbonRow } from './carbon-view.js';
import { transferView } from './transfer.resolver.js';
import {
  StockAdjustInput,
  TransferProposalApproveInput,
  TransferProposalApprovePayload,
  FulfilmentNode,
  OrderFulfilment,
  ReallocationJob,
  StockReceiveInput,
  TransferProposalsRefreshPayload,
  AllocationWeightsSetInput,
  AllocationWeightsSetPayload,
  NodeStatusChangeInput,
  NodeStatusChangePayload,
  Shipment,
  type ShipmentAllocationRules,
  StockAdjustPayload,
  StockLevel,
  StockReceivePayload,
  TransferProposal,
} from './fulfilment.types.js';

export interface FulfilmentResolverDependencies {
  orm: MikroORM;
  nodes: NodeService;
  inventory: InventoryService;
  planning: PlanningService;
}

const STAFF = ['operator', 'warehouse', 'admin', 'auditor', 'service'] as const;
const stock = (row: StockRow): StockLevel => ({
  id: `${row.sku}@${row.node_id}`,
  sku: row.sku,
  nodeId: row.node_id,
  onHand: row.on_hand,
  reserved: row.reserved,
  available: row.available,
  inbound: row.inbound,
});
const job = (row: JobRow): ReallocationJob => ({
  id: row.id,
  nodeId: row.node_id,
  state: row.state,
  affected: row.affected,
  processed: row.processed,
  reallocated: row.reallocated,
  backordered: row.backordered,
});

/** Refusals become payload values; anything else propagates to the shared error formatting. */
async function refusalsOf<T>(work: () => Promise<T>): Promise<{ value: T | null; userErrors: Refusal[] }> {
  try {
    return { value: await work(), userErrors: [] };
  } catch (error) {
    if (error instanceof RefusedError) return { value: null, userErrors: error.refusals };
    throw error;
  }
}

function assertNodeInScope(principal: Principal, region: string): void {
  if (isRegionScoped(principal) && !principal.regions.includes(region)) throw new ForbiddenError("This node is outside the caller's regions");
}

export function createFulfilmentResolvers({ orm, nodes, inventory, planning }: FulfilmentResolverDependencies) {
  const nodeView = async (rows: NodeRow[]): Promise<FulfilmentNode[]> => {
    const lanes = await loadLanes(
      orm.em.fork(),
      rows.map((row) => row.id),
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      kind: row.kind,
      region: row.region,
      zone: row.zone,
      lat: row.lat,
      lon: row.lon,
      dailyCapacity: row.daily_capacity,
      usedToday: row.used_today,
      cutoffMinutes: row.cutoff_minutes,
      status: row.status,
      statusReason: row.status_reason,
      statusChangedAt: row.status_changed_at ? new Date(row.status_changed_at) : null,
      version: row.version,
      lanes: lanes.get(row.id) ?? [],
    }));
  };
  const nodeRegion = async (nodeId: string) => (await loadNodeRows(orm.em.fork(), { ids: [nodeId] }))[0]?.region;

  @Resolver()
  class FulfilmentResolver {
    @Authorized(...STAFF)
    @Query(() => [FulfilmentNode], { description: "Nodes in the caller's regions (or a given region), with status and lanes." })
    async fulfilmentNodes(
      @Arg('region', () => String, { nullable: true, description: 'Only this region.' }) region: string | null,
      @Ctx() { principal }: RequestContext,
    ): Promise<FulfilmentNode[]> {
      const scoped = isRegionScoped(principal) ? principal.regions : undefined;
      const regions = region ? (scoped && !scoped.includes(region) ? [] : [region]) : scoped;
      return nodeView(await loadNodeRows(orm.em.fork(), regions ? { regions } : {}));
    }

    @Authorized(...STAFF)
    @Query(() => [StockLevel], { description: 'Stock of one SKU at every node the caller may see.' })
    async stockLevels(@Arg('sku', () => String, { description: 'SKU.' }) sku: string, @Ctx() { principal }: RequestContext): Promise<StockLevel[]> {
      const regions = isRegionScoped(principal) ? principal.regions : null;
      const rows = await query<StockRow>(
        orm.em.fork(),
        `
        select i.* from inventory i join node n on n.id = i.node_id where i.sku = ? and (?::jsonb is null or n.region in (select jsonb_array_elements_text(?::jsonb))) order by i.node_id`,
        [sku, regions ? asJson(regions) : null, regions ? asJson(regions) : null],
      );
      return rows.map(stock);
    }

    @Authorized(...STAFF)
    @Query(() => ReallocationJob, { nullable: true, description: "A re-allocation job's progress." })
    async reallocationJob(@Arg('id', () => ID, { description: 'Job id.' }) id: string): Promise<ReallocationJob | null> {
      const [row] = await query<JobRow>(orm.em.fork(), `select * from reallocation_job where id = ?::uuid`, [id]).catch(() => []);
      return row ? job(row) : null;
    }

    @Authorized(...STAFF)
    @Query(() => [TransferProposal], { description: 'Open transfer proposals, newest first (at most 100).' })
    async transferProposals(): Promise<TransferProposal[]> {
      const rows = await query<{
        id: string;
        sku: string;
        from_node_id: string;
        to_node_id: string;
        quantity: number;
        forecast_units: number;
        reason: string;
        state: string;
      }>(orm.em.fork(), `select * from transfer_proposal where state = 'PROPOSED' order by created_at desc, id limit 100`);
      return rows.map((row) => ({
        id: row.id,
        sku: row.sku,
        fromNodeId: row.from_node_id,
        toNodeId: row.to_node_id,
        quantity: row.quantity,
        forecastUnits: row.forecast_units,
        reason: row.reason,
        state: row.state,
      }));
    }

    @Authorized('operator', 'admin')
    @Mutation(() => NodeStatusChangePayload, { description: 'Marks a node UP, DEGRADED or DOWN. DOWN re-allocates every open order that has not left it.' })
    async nodeStatusChange(
      @Arg('input', () => NodeStatusChangeInput, { description: 'The node, its new status and why.' }) input: NodeStatusChangeInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<NodeStatusChangePayload> {
      assertMayWrite(principal);
      const region = await nodeRegion(input.nodeId);
      if (region) assertNodeInScope(principal, region);
      const result = await refusalsOf(() => nodes.setStatus(input.nodeId, input.status as never, input.reason, actorOf(principal), input.expectedVersion));
      if (!result.value) return { node: null, reallocationJob: null, userErrors: result.userErrors };
      if (result.value.job) void nodes.startJob(result.value.job).catch(() => undefined);
      const [view] = await nodeView([result.value.node]);
      return { node: view!, reallocationJob: result.value.job ? job(result.value.job) : null, userErrors: [] };
    }

    @Authorized('warehouse', 'operator', 'admin', 'service')
    @Mutation(() => StockReceivePayload, {
      description: "Books goods received at a node (a service token needs the purpose fulfilment.stock and the node's region).",
    })
    async stockReceive(
      @Arg('input', () => StockReceiveInput, { description: 'The SKU, the node, the units received and the receipt reference.' }) input: StockReceiveInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<StockReceivePayload> {
      assertNodeAction(principal, await nodeRegion(input.nodeId), PARTNER_SCOPES.stock);
      const result = await refusalsOf(() => inventory.receive(input, actorOf(principal)));
      return { stockLevel: result.value ? stock(result.value) : null, userErrors: result.userErrors };
    }

    @Authorized('warehouse', 'operator', 'admin', 'service')
    @Mutation(() => StockAdjustPayload, { description: 'Corrects on-hand stock after a count. Never below zero or below what is reserved.' })
    async stockAdjust(
      @Arg('input', () => StockAdjustInput, { description: 'The SKU, the node, the units to add or remove, why, and a reference.' }) input: StockAdjustInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<StockAdjustPayload> {
      assertNodeAction(principal, await nodeRegion(input.nodeId), PARTNER_SCOPES.stock);
      const result = await refusalsOf(() => inventory.adjust(input, actorOf(principal)));
      return { stockLevel: result.value ? stock(result.value) : null, userErrors: result.userErrors };
    }

    @Authorized('operator', 'admin')
    @Mutation(() => TransferProposalsRefreshPayload, { description: 'Re-forecasts demand per zone × SKU and replaces the open transfer proposals.' })
    async transferProposalsRefresh(): Promise<TransferProposalsRefreshPayload> {
      const seriesForecast = await planning.refreshForecasts();
      const rows = await planning.refreshProposals();
      return {
        seriesForecast,
        userErrors: [],
        proposals: rows.map((row) => ({
          id: row.id,
          sku: row.sku,
          fromNodeId: row.from_node_id,
          toNodeId: row.to_node_id,
          quantity: row.quantity,
          forecastUnits: row.forecast_units,
          reason: row.reason,
          state: row.state,
        })),
      };
    }

    @Authorized('operator', 'admin')
    @Mutation(() => TransferProposalApprovePayload, {
      description: 'Approves a proposal into a transfer; refused when the source no longer has the units free.',
    })
    async transferProposalApprove(
      @Arg('input', () => TransferProposalApproveInput, { description: 'The transfer proposal to approve, optionally with another quantity.' })
      input: TransferProposalApproveInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<TransferProposalApprovePayload> {
      const result = await refusalsOf(() => planning.approve(input.proposalId, input.quantity ?? undefined, actorOf(principal)));
      const row = result.value;
      return {
        transfer: row ? transferView(row) : null,
        userErrors: result.userErrors,
      };
    }

    @Authorized('admin', 'operator')
    @Mutation(() => AllocationWeightsSetPayload, { description: 'Sets the allocation weights of a sales channel.' })
    async allocationWeightsSet(
      @Arg('input', () => AllocationWeightsSetInput, { description: 'The sales channel (or DEFAULT) and its new allocation objective weights.' })
      input: AllocationWeightsSetInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<AllocationWeightsSetPayload> {
      const problems = validateWeights(input);
      if (problems.length > 0)
        return { channel: null, userErrors: problems.map((p) => ({ code: 'WEIGHT_OUT_OF_RANGE', field: ['input', p.field], message: p.message })) };
      await query(
        orm.em.fork(),
        `
        insert into allocation_settings (channel, cost, time, carbon, split_penalty, updated_by) values (?, ?, ?, ?, ?, ?)
        on conflict (channel) do update set cost = excluded.cost, time = excluded.time, carbon = excluded.carbon, split_penalty = excluded.split_penalty, updated_by = excluded.updated_by, updated_at = now()`,
        [input.channel, input.cost, input.time, input.carbon, input.splitPenalty, principal.subject],
      );
      return { channel: input.channel, userErrors: [] };
    }
  }

  interface OrderFacts {
    order_id: string;
    region: string;
    customer_ref: string;
    state: string;
    service_level: string;
    reserve_until: string | Date | null;
    backordered: number;
  }
  const orderFacts = (context: RequestContext, orderId: string) =>
    loadBatched<string, OrderFacts | null>(
      context,
      'fulfilment-order',
      async (ids) => {
        const rows = await query<OrderFacts>(
          orm.em.fork(),
          `
      select o.order_id, o.region, o.customer_ref, o.state, o.service_level, o.reserve_until, coalesce(sum(l.backordered), 0)::int as backordered
        from fulfilment_order o left join fulfilment_order_line l on l.order_id = o.order_id
       where o.order_id = any(?::uuid[]) group by o.order_id`,
          [uuidList(ids)],
        );
        const byId = new Map(rows.map((row) => [row.order_id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      orderId,
    );
  const readable = async (context: RequestContext, orderId: string) => {
    const facts = await orderFacts(context, orderId);
    return facts && canReadOrder(context.principal, { region: facts.region, customerRef: facts.customer_ref }) ? facts : null;
  };

  @Resolver(() => OrderReference)
  class OrderFulfilmentResolver {
    @FieldResolver(() => [Shipment], {
      description: "The order's shipments, current and replaced, oldest first; empty when fulfilment has not seen the order.",
    })
    async shipments(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<Shipment[]> {
      if (!(await readable(context, order.id))) return [];
      return loadBatched<string, Shipment[]>(
        context,
        'fulfilment-shipments',
        async (ids) => {
          const rows = await query<Record<string, any>>(
            orm.em.fork(),
            `
          select s.*, coalesce(jsonb_agg(jsonb_build_object('lineNo', l.line_no, 'sku', l.sku, 'quantity', l.quantity) order by l.line_no), '[]') as lines
            from shipment s join shipment_line l on l.shipment_id = s.id
           where s.order_id = any(?::uuid[]) group by s.id order by s.created_at, s.id`,
            [uuidList(ids)],
          );
          const byOrder = new Map<string, Shipment[]>();
          for (const row of rows) {
            const shipment: Shipment = {
              id: row.id,
              nodeId: row.node_id,
              carrier: row.carrier,
              serviceLevel: row.service_level,
              state: row.state,
              pickPriority: row.pick_priority,
              packingPriority: row.packing_priority,
              deliveryMode: row.delivery_mode,
              distanceKm: row.distance_km,
              co2eGrams: row.co2e_grams,
              shippingCost: row.shipping_cost,
              // Raw SQL answers timestamps as text; the DateTime scalar serialises only a Date.
              departureAt: new Date(row.departure_at),
              etaAt: new Date(row.eta_at),
              replaces: row.replaces,
              lines: row.lines,
              carbon: shipmentCarbonOf(row as ShipmentCarbonRow),
              packaging: (row.packaging ?? []).map((parcel: Record<string, any>) => ({ ...parcel, lineNos: parcel.lines })),
              packingRefusals: row.packing_refusals ?? [],
              pickedAt: asDate(row.picked_at),
              packedAt: asDate(row.packed_at),
              outboundAt: asDate(row.outbound_at),
              version: row.version,
              allocationRules: row.allocation_rules ? allocationRulesOf(row.allocation_rules) : null,
              consignmentId: row.consignment_id ?? null,
            };
            (byOrder.get(row.order_id) ?? byOrder.set(row.order_id, []).get(row.order_id)!).push(shipment);
          }
          return ids.map((id) => byOrder.get(id) ?? []);
        },
        order.id,
      );
    }

    @FieldResolver(() => OrderFulfilment, { nullable: true, description: "Fulfilment's state and timeline for the order; null when not seen or not readable." })
    async fulfilment(@Root() order: OrderReference, @Ctx() context: RequestContext): Promise<OrderFulfilment | null> {
      const facts = await readable(context, order.id);
      if (!facts) return null;
      const timeline = await query<{ id: string; at: Date; kind: string; actor_type: string; actor_id: string; note: string | null }>(
        orm.em.fork(),
        `select * from order_timeline where order_id = ? order by id`,
        [order.id],
      );
      return {
        id: order.id,
        state: facts.state,
        serviceLevel: facts.service_level,
        backorderedUnits: facts.backordered,
        reservedUntil: asDate(facts.reserve_until),
        timeline: timeline.map((row) => ({
          id: String(row.id),
          at: new Date(row.at),
          kind: row.kind,
          actor: `${row.actor_type}:${row.actor_id}`,
          note: row.note,
        })),
      };
    }
  }

  return [FulfilmentResolver, OrderFulfilmentResolver] as const;
}

const allocationRulesOf = (stored: Record<string, any>): ShipmentAllocationRules => ({
  weights: stored.weights,
  versions: stored.versions,
  ignoredCriteria: stored.ignored ?? [],
  rulesMayHaveBeenBehind: stored.mayBeBehind === true,
});

const asDate = (value: string | Date | null | undefined) => (value == null ? null : new Date(value));

import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { NodeFacts, OrderPlan, OrderToAllocate } from './domain/allocation.types.js';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { shipmentCarbon } from '@hub/shared/green/carbon.rules';
import { loadPackingFacts, packingRecord, ShipmentPacker } from '../packing/shipment-packing.js';
import type { PackingRefusal } from '../packing/domain/packing.types.js';
import { planHandling } from './domain/shipment-plan.js';
import { distanceKm } from './domain/geo.js';
import { traceContextParameter } from '@hub/shared/telemetry/trace-context';
import { asJson, query, uuidList } from '../persistence/sql.js';
import { utcDay } from '../nodes/node.repository.js';

export interface Actor {
  type: 'user' | 'system' | 'carrier';
  id: string;
}

export interface WrittenShipment {
  id: string;
  orderId: string;
  nodeId: string;
  etaAt: string;
  deliveryMode: string;
  units: number;
  /** Lines with units no box takes: recorded on the shipment and the order's timeline. */
  packingRefusals: PackingRefusal[];
}

/**
 * Writes planned shipments in a handful of statements whatever the batch size: shipments and their lines,
 * reservations (the inventory check refuses any overselling the plan might contain), today's capacity use,
 * ALLOCATION movements, and backordered quantities per line. Each shipment gets its smallest boxes and its
 * CO2e (ISO 14083 / GLEC, current factor version) at the same time. Returns the shipments written.
 */
export async function writePlans(
  em: EntityManager,
  plans: readonly OrderPlan[],
  orders: ReadonlyMap<string, OrderToAllocate>,
  nodes: ReadonlyMap<string, NodeFacts>,
  context: { now: Date; actor: Actor; replaces?: ReadonlyMap<string, string>; movementNote: string },
): Promise<WrittenShipment[]> {
  const shipments: Array<Record<string, unknown>> = [];
  const lines: Array<{ shipment_id: string; order_id: string; node_id: string; line_no: number; sku: string; quantity: number }> = [];
  const written: WrittenShipment[] = [];
  const factors = CURRENT_CARBON_FACTORS;
  const facts = await loadPackingFacts(
    em,
    plans.flatMap((plan) => plan.shipments.flatMap((shipment) => shipment.lines.map((line) => line.sku))),
  );
  const packer = new ShipmentPacker(facts.boxes, facts.dimensions);
  for (const plan of plans) {
    const order = orders.get(plan.orderId)!;
    const grams = new Map(order.lines.map((line) => [line.lineNo, line.unitWeightGrams]));
    for (const shipment of plan.shipments) {
      const node = nodes.get(shipment.nodeId)!;
      const id = randomUUID();
      const shipmentGrams = shipment.lines.reduce((sum, line) => sum + line.quantity * grams.get(line.lineNo)!, 0);
      const km = distanceKm(node.location, order.destination);
      const handling = planHandling({
        serviceLevel: order.serviceLevel,
        nodeKind: node.kind,
        km,
        grams: shipmentGrams,
        now: context.now,
        departureAt: shipment.departureAt,
        split: plan.shipments.length > 1,
      });
      const packing = packingRecord(packer.pack(shipment.lines.map((line) => ({ ...line, weightGrams: grams.get(line.lineNo)! }))));
      const carbon = shipmentCarbon(factors, {
        deliveryMode: handling.deliveryMode,
        greatCircleKm: km,
        grossGrams: shipmentGrams + packing.materialGrams,
        packagingMaterialGrams: packing.materialGrams,
      });
      shipments.push({
        id,
        order_id: order.orderId,
        node_id: node.id,
        carrier: shipment.lane.carrier,
        service_level: shipment.lane.serviceLevel,
        pick_priority: handling.pickPriority,
        packing_priority: handling.packingPriority,
        delivery_mode: handling.deliveryMode,
        distance_km: Math.round(km * 10) / 10,
        co2e_grams: Math.round(carbon.totalGrams),
        co2e_ttw_grams: Math.round(carbon.ttwGrams),
        co2e_wtw_grams: Math.round(carbon.wtwGrams),
        co2e_operations_grams: Math.round(carbon.operationsGrams),
        co2e_packaging_grams: Math.round(carbon.packagingGrams),
        carbon_factor_version: carbon.factorVersion,
        packaging: packing.parcels,
        packing_refusals: packing.refusals,
        shipping_cost: Math.round(shipment.lane.baseCost + (shipment.lane.costPerKg * shipmentGrams) / 1000),
        departure_at: shipment.departureAt.toISOString(),
        eta_at: shipment.etaAt.toISOString(),
        replaces: context.replaces?.get(order.orderId) ?? null,
      });
      for (const line of shipment.lines)
        lines.push({ shipment_id: id, order_id: order.orderId, node_id: node.id, line_no: line.lineNo, sku: line.sku, quantity: line.quantity });
      written.push({
        id,
        orderId: order.orderId,
        nodeId: node.id,
        etaAt: shipment.etaAt.toISOString(),
        deliveryMode: handling.deliveryMode,
        units: shipment.lines.reduce((sum, line) => sum + line.quantity, 0),
        packingRefusals: packing.refusals,
      });
    }
  }
  if (shipments.length > 0) {
    // One statement, each JSON document parsed once: the reservation, capacity and ledger rows are derived in SQL
    // from the lines (which carry their shipment's node and order), instead of sending the same rows four times.
    await query(
      em,
      `
      with s as materialized (
        select * from jsonb_to_recordset(?::jsonb) as r(id uuid, order_id uuid, node_id text, carrier text, service_level text, pick_priority int,
             packing_priority int, delivery_mode text, distance_km float8, co2e_grams int, co2e_ttw_grams int, co2e_wtw_grams int,
             co2e_operations_grams int, co2e_packaging_grams int, carbon_factor_version text, packaging jsonb, packing_refusals jsonb,
             shipping_cost int, departure_at timestamptz, eta_at timestamptz, replaces uuid)),
      l as materialized (
        select * from jsonb_to_recordset(?::jsonb) as r(shipment_id uuid, order_id uuid, node_id text, line_no int, sku text, quantity int)),
      new_shipments as (
        insert into shipment (id, order_id, node_id, carrier, service_level, state, pick_priority, packing_priority, delivery_mode, distance_km,
               co2e_grams, co2e_ttw_grams, co2e_wtw_grams, co2e_operations_grams, co2e_packaging_grams, carbon_factor_version, packaging,
               packing_refusals, shipping_cost, departure_at, eta_at, replaces, created_at, updated_at)
        select id, order_id, node_id, carrier, service_level, 'ALLOCATED', pick_priority, packing_priority, delivery_mode, distance_km,
               co2e_grams, co2e_ttw_grams, co2e_wtw_grams, co2e_operations_grams, co2e_packaging_grams, carbon_factor_version, packaging,
               packing_refusals, shipping_cost, departure_at, eta_at, replaces, ?, ? from s),
      new_lines as (insert into shipment_line (shipment_id, line_no, sku, quantity) select shipment_id, line_no, sku, quantity from l),
      reserved as (
        update inventory i set reserved = i.reserved + t.quantity, updated_at = ?
          from (select sku, node_id, sum(quantity)::int as quantity from l group by 1, 2) t where i.sku = t.sku and i.node_id = t.node_id),
      used as (
        insert into capacity_usage (node_id, day, used) select node_id, ?::date, sum(quantity)::int from l group by 1
        on conflict (node_id, day) do update set used = capacity_usage.used + excluded.used)
      insert into stock_movement (sku, node_id, kind, reserved_delta, order_id, shipment_id, note, actor_type, actor_id, at)
      select sku, node_id, 'ALLOCATION', quantity, order_id, shipment_id, ?, ?, ?, ? from l`,
      [
        asJson(shipments),
        asJson(lines),
        context.now,
        context.now,
        context.now,
        utcDay(context.now),
        context.movementNote,
        context.actor.type,
        context.actor.id,
        context.now,
      ],
    );
  }
  return written;
}

/**
 * Sets each order's backordered units per line and its allocation state from the plans, and, for orders that got a
 * shipment, the carbon factor version their estimates used (in the same update: one new row version per order).
 */
export async function writeOrderStates(em: EntityManager, plans: readonly OrderPlan[], method: string, now: Date, backorderMode: 'ADD' | 'SET'): Promise<void> {
  const backorders = plans.flatMap((plan) => plan.backordered.map((line) => ({ order_id: plan.orderId, line_no: line.lineNo, quantity: line.quantity })));
  const orderIds = uuidList(plans.map((plan) => plan.orderId));
  const carbonFactorsFor = uuidList(plans.filter((plan) => plan.shipments.length > 0).map((plan) => plan.orderId));
  if (backorderMode === 'SET') {
    // One statement: after it an order has a backordered line exactly where its plan backorders units (every line has
    // at least one unit), so its state is read from the plan rather than from the lines this statement changes. The
    // order ids are given for `l` as well as for `t`: PostgreSQL does not carry them across the join, and without them
    // it read the whole table for `l` on every batch.
    await query(
      em,
      `
      with b as materialized (select * from jsonb_to_recordset(?::jsonb) as b(order_id uuid, line_no int, quantity int)),
      lines as (
        update fulfilment_order_line l set backordered = least(l.quantity, coalesce(b.quantity, 0))
          from fulfilment_order_line t left join b on b.order_id = t.order_id and b.line_no = t.line_no
         where t.order_id = any(?::uuid[]) and (t.backordered > 0 or b.quantity is not null) and l.order_id = t.order_id and l.line_no = t.line_no
           and l.order_id = any(?::uuid[]))
      update fulfilment_order o set
        state = case when not exists (select 1 from b where b.order_id = o.order_id and b.quantity > 0) then 'ALLOCATED'
                     when exists (select 1 from shipment s where s.order_id = o.order_id and s.state in ('ALLOCATED', 'PICKED', 'PACKED')) then 'PARTIALLY_ALLOCATED'
                     else 'BACKORDERED' end,
        allocation_method = ?, version = o.version + 1, updated_at = ?,
        carbon_factor_version = case when o.order_id = any(?::uuid[]) then ? else o.carbon_factor_version end
      where o.order_id = any(?::uuid[])`,
      [asJson(backorders), orderIds, orderIds, method, now, carbonFactorsFor, CURRENT_CARBON_FACTORS.version, orderIds],
    );
    return;
  }
  if (backorders.length > 0) {
    await query(
      em,
      `
      update fulfilment_order_line l set backordered = least(l.quantity, l.backordered + b.quantity)
        from jsonb_to_recordset(?::jsonb) as b(order_id uuid, line_no int, quantity int) where l.order_id = b.order_id and l.line_no = b.line_no`,
      [asJson(backorders)],
    );
  }
  await query(
    em,
    `
    update fulfilment_order o set
      state = case when not exists (select 1 from fulfilment_order_line l where l.order_id = o.order_id and l.backordered > 0) then 'ALLOCATED'
                   when exists (select 1 from shipment s where s.order_id = o.order_id and s.state in ('ALLOCATED', 'PICKED', 'PACKED')) then 'PARTIALLY_ALLOCATED'
                   else 'BACKORDERED' end,
      allocation_method = ?, version = o.version + 1, updated_at = ?,
      carbon_factor_version = case when o.order_id = any(?::uuid[]) then ? else o.carbon_factor_version end
    where o.order_id = any(?::uuid[])`,
    [method, now, carbonFactorsFor, CURRENT_CARBON_FACTORS.version, orderIds],
  );
}

export async function writeTimeline(
  em: EntityManager,
  rows: Array<{ order_id: string; kind: string; note: string; details: Record<string, unknown> }>,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await query(
    em,
    `
    insert into order_timeline (order_id, at, kind, actor_type, actor_id, note, details)
    select order_id, ?, kind, ?, ?, note, details from jsonb_to_recordset(?::jsonb) as r(order_id uuid, kind text, note text, details jsonb)`,
    [now, actor.type, actor.id, asJson(rows)],
  );
}

/** Queues outbox rows in bulk; the message id is derived from the change so a replay is dropped. */
export async function enqueueEvents(
  em: EntityManager,
  events: Array<{ subject: string; messageId: string; payload: Record<string, unknown> }>,
  now: Date,
): Promise<void> {
  if (events.length === 0) return;
  await query(
    em,
    `
    insert into outbox_event (message_id, subject, payload, created_at, trace_context)
    select message_id, subject, payload, ?, ?::jsonb from jsonb_to_recordset(?::jsonb) as r(message_id text, subject text, payload jsonb)
    on conflict (message_id) do nothing`,
    [now, traceContextParameter(), asJson(events.map((event) => ({ message_id: event.messageId, subject: event.subject, payload: event.payload })))],
  );
}

/** Timeline entries and outbox rows in one statement, for when nothing has to run between them. */
export async function writeTimelineAndEvents(
  em: EntityManager,
  rows: Array<{ order_id: string; kind: string; note: string; details: Record<string, unknown> }>,
  events: Array<{ subject: string; messageId: string; payload: Record<string, unknown> }>,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (rows.length === 0 || events.length === 0) {
    await writeTimeline(em, rows, actor, now);
    await enqueueEvents(em, events, now);
    return;
  }
  await query(
    em,
    `
    with timeline as (
      insert into order_timeline (order_id, at, kind, actor_type, actor_id, note, details)
      select order_id, ?, kind, ?, ?, note, details from jsonb_to_recordset(?::jsonb) as r(order_id uuid, kind text, note text, details jsonb))
    insert into outbox_event (message_id, subject, payload, created_at, trace_context)
    select message_id, subject, payload, ?, ?::jsonb from jsonb_to_recordset(?::jsonb) as r(message_id text, subject text, payload jsonb)
    on conflict (message_id) do nothing`,
    [
      now,
      actor.type,
      actor.id,
      asJson(rows),
      now,
      traceContextParameter(),
      asJson(events.map((event) => ({ message_id: event.messageId, subject: event.subject, payload: event.payload }))),
    ],
  );
}

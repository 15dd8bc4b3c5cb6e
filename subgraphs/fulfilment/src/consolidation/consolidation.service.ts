import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { CURRENT_CARBON_FACTORS } from '@hub/shared/green/carbon-factors.table';
import { optionCarbonGrams } from '@hub/shared/green/delivery-options.rules';
import { SYSTEM_ACTOR } from '../allocation/allocation.service.js';
import { writeTimeline } from '../allocation/plan-writer.js';
import { loadPackingFacts, packingRecord, ShipmentPacker, type ShipmentLineToPack } from '../packing/shipment-packing.js';
import { asJson, query, uuidList } from '../persistence/sql.js';
import { holdUntil, planConsignments, type ConsignmentPlan, type HeldShipment } from './domain/consolidation.rules.js';

interface HoldRow {
  id: string;
  order_id: string;
  node_id: string;
  departure_at: Date;
  eta_at: Date;
  promised_by: Date;
  consolidate_until: Date;
  consolidation_key: string;
}

export interface ReleasedConsignment {
  id: string;
  orderIds: string[];
  shipmentIds: string[];
  reason: NonNullable<ConsignmentPlan['release']>;
  co2eGrams: number;
  co2eSeparateGrams: number;
}

/**
 * Acts on the low-carbon option: holds a consolidated order's fresh shipments in the consignment of its customer
 * key at their node (departure moved to the consignment's deadline, so the ETA shown is the real one), and releases
 * consignments that are due or full as one shipment: one packing for all their goods, one CO2e figure, and the
 * saving against sending each order alone recorded on it.
 */
export class ConsolidationService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Inside the allocation's transaction: holds the orders' new shipments where waiting keeps the promise; returns the moved ETAs. */
  hold(em: EntityManager, orderIds: readonly string[], now: Date): Promise<ReadonlyMap<string, string>> {
    return holdConsolidatedShipments(em, orderIds, now);
  }

  /** Releases every consignment that is due or full; each in its own transaction. */
  async releaseDue(now: Date = this.clock()): Promise<ReleasedConsignment[]> {
    const held = await this.loadHeld(this.orm.em.fork());
    const released: ReleasedConsignment[] = [];
    for (const plan of planConsignments(held, now)) {
      if (!plan.release) continue;
      const result = await this.orm.em.fork().transactional((tx) => this.release(tx, plan, now));
      if (result) released.push(result);
    }
    return released;
  }

  private async loadHeld(em: EntityManager): Promise<HeldShipment[]> {
    const rows = await query<{ id: string; order_id: string; node_id: string; consolidation_key: string; held_until: Date; grams: number }>(
      em,
      `select s.id, s.order_id, s.node_id, c.consolidation_key, s.held_until,
              (select coalesce(sum(sl.quantity * l.unit_weight_grams), 0)::int from shipment_line sl
                 join fulfilment_order_line l on l.order_id = s.order_id and l.line_no = sl.line_no where sl.shipment_id = s.id) as grams
         from shipment s join consignment c on c.id = s.consignment_id
        where c.state = 'HOLDING' and s.state = 'ALLOCATED'`,
    );
    return rows.map((row) => ({
      shipmentId: row.id,
      orderId: row.order_id,
      consolidationKey: row.consolidation_key,
      nodeId: row.node_id,
      holdUntil: new Date(row.held_until),
      grams: row.grams,
    }));
  }

  private async release(tx: EntityManager, plan: ConsignmentPlan, now: Date): Promise<ReleasedConsignment | null> {
    const [consignment] = await query<{ id: string }>(
      tx,
      `select id from consignment where consolidation_key = ? and node_id = ? and state = 'HOLDING' for update skip locked`,
      [plan.consolidationKey, plan.nodeId],
    );
    if (!consignment) return null;
    const members = await query<{ id: string; order_id: string; distance_km: number }>(
      tx,
      `select id, order_id, distance_km from shipment where consignment_id = ? and state = 'ALLOCATED' order by created_at, id`,
      [consignment.id],
    );
    const lines = await query<{ shipment_id: string; line_no: number; sku: string; quantity: number; unit_weight_grams: number }>(
      tx,
      `select sl.shipment_id, sl.line_no, sl.sku, sl.quantity, l.unit_weight_grams from shipment_line sl
         join shipment s on s.id = sl.shipment_id join fulfilment_order_line l on l.order_id = s.order_id and l.line_no = sl.line_no
        where s.consignment_id = ? and s.state = 'ALLOCATED'`,
      [consignment.id],
    );
    const facts = await loadPackingFacts(
      tx,
      lines.map((line) => line.sku),
    );
    const packer = new ShipmentPacker(facts.boxes, facts.dimensions);
    const toPack = (rows: typeof lines): ShipmentLineToPack[] =>
      rows.map((line, index) => ({ lineNo: index + 1, sku: line.sku, quantity: line.quantity, weightGrams: line.unit_weight_grams }));
    const carbonOf = (rows: typeof lines, km: number, option: 'STANDARD' | 'CONSOLIDATED') => {
      const packing = packingRecord(packer.pack(toPack(rows)));
      const goods = rows.reduce((sum, line) => sum + line.quantity * line.unit_weight_grams, 0);
      const grams = optionCarbonGrams(CURRENT_CARBON_FACTORS, option, {
        greatCircleKm: km,
        grossGrams: goods + packing.materialGrams,
        packagingMaterialGrams: packing.materialGrams,
      });
      return { packing, grams };
    };
    const km = members[0]?.distance_km ?? 0;
    const separate = members.reduce(
      (sum, member) =>
        sum +
        carbonOf(
          lines.filter((line) => line.shipment_id === member.id),
          member.distance_km,
          'STANDARD',
        ).grams,
      0,
    );
    const merged = carbonOf(lines, km, 'CONSOLIDATED');
    await query(
      tx,
      `update consignment set state = 'RELEASED', release_reason = ?, released_at = ?, orders = ?, packaging = ?::jsonb, co2e_grams = ?, co2e_separate_grams = ?
        where id = ?`,
      [plan.release, now, new Set(members.map((m) => m.order_id)).size, asJson(merged.packing), Math.round(merged.grams), Math.round(separate), consignment.id],
    );
    await query(tx, `update shipment set held_until = null, version = version + 1, updated_at = ? where consignment_id = ? and state = 'ALLOCATED'`, [
      now,
      consignment.id,
    ]);
    const orderIds = [...new Set(members.map((member) => member.order_id))];
    await writeTimeline(
      tx,
      orderIds.map((orderId) => ({
        order_id: orderId,
        kind: 'CONSOLIDATION_RELEASED',
        note: `leaves with ${orderIds.length - 1} other order(s) of the customer (${plan.release})`,
        details: { consignmentId: consignment.id },
      })),
      SYSTEM_ACTOR,
      now,
    );
    return {
      id: consignment.id,
      orderIds,
      shipmentIds: members.map((member) => member.id),
      reason: plan.release!,
      co2eGrams: Math.round(merged.grams),
      co2eSeparateGrams: Math.round(separate),
    };
  }
}

/**
 * Holds the given orders' fresh consolidated shipments in the consignment of their customer key at their node,
 * placed orders and re-allocated ones alike (a shipment moved off a node that went down joins or opens the
 * consignment at its new node by the same deadline rule). One read and one write whatever the number of orders,
 * so the re-allocation of thousands of orders pays no round trip per order. Returns the new ETA (ISO) of every
 * shipment whose departure moved, the held ones and the consignment's earlier members alike, by shipment id.
 */
export async function holdConsolidatedShipments(em: EntityManager, orderIds: readonly string[], now: Date): Promise<ReadonlyMap<string, string>> {
  if (orderIds.length === 0) return new Map();
  const rows = await query<HoldRow>(
    em,
    `select s.id, s.order_id, s.node_id, s.departure_at, s.eta_at, o.promised_by, o.consolidate_until, o.consolidation_key
       from shipment s join fulfilment_order o on o.order_id = s.order_id
      where s.order_id = any(?::uuid[]) and s.state = 'ALLOCATED' and s.consignment_id is null
        and o.delivery_option = 'CONSOLIDATED' and o.consolidation_key is not null`,
    [uuidList(orderIds)],
  );
  const holds = rows.flatMap((row) => {
    const until = holdUntil({
      promisedBy: new Date(row.promised_by),
      consolidateUntil: new Date(row.consolidate_until),
      departureAt: new Date(row.departure_at),
      etaAt: new Date(row.eta_at),
      now,
    });
    return until
      ? [{ shipment_id: row.id, order_id: row.order_id, node_id: row.node_id, consolidation_key: row.consolidation_key, until, new_id: randomUUID() }]
      : [];
  });
  if (holds.length === 0) return new Map();
  // One holding consignment per customer key and node (the unique index settles a race with a concurrent order);
  // it leaves by its earliest member's deadline, so every member, old and new, departs then and its ETA moves by as much.
  const moved = await query<{ id: string; eta_at: Date | string }>(
    em,
    `
    with h as materialized (
      select * from jsonb_to_recordset(?::jsonb) as r(shipment_id uuid, order_id uuid, node_id text, consolidation_key text, until timestamptz, new_id uuid)),
    g as (
      select distinct on (consolidation_key, node_id) consolidation_key, node_id, new_id,
             min(until) over (partition by consolidation_key, node_id) as until
        from h order by consolidation_key, node_id),
    c as (
      insert into consignment (id, consolidation_key, node_id, state, dispatch_by) select new_id, consolidation_key, node_id, 'HOLDING', until from g
      on conflict (consolidation_key, node_id) where state = 'HOLDING' do update set dispatch_by = least(consignment.dispatch_by, excluded.dispatch_by)
      returning id, consolidation_key, node_id, dispatch_by),
    t as (
      select h.shipment_id as id, c.id as consignment_id, c.dispatch_by, h.until from h join c on c.consolidation_key = h.consolidation_key and c.node_id = h.node_id
      union all
      select s.id, c.id, c.dispatch_by, null from shipment s join c on s.consignment_id = c.id where s.state = 'ALLOCATED'),
    moved as (
      update shipment s set consignment_id = t.consignment_id, held_until = coalesce(t.until, s.held_until),
             eta_at = s.eta_at + (t.dispatch_by - s.departure_at), departure_at = t.dispatch_by, version = s.version + 1, updated_at = ?
        from t where s.id = t.id returning s.id, s.eta_at),
    noted as (
    insert into order_timeline (order_id, at, kind, actor_type, actor_id, note, details)
    select h.order_id, ?, 'CONSOLIDATION_HELD', ?, ?,
           'held for the customer''s other orders until ' || to_char(c.dispatch_by at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           jsonb_build_object('shipmentId', h.shipment_id, 'consignmentId', c.id)
      from h join c on c.consolidation_key = h.consolidation_key and c.node_id = h.node_id)
    select id, eta_at from moved`,
    [asJson(holds), now, now, SYSTEM_ACTOR.type, SYSTEM_ACTOR.id],
  );
  return new Map(moved.map((row) => [row.id, new Date(row.eta_at).toISOString()]));
}

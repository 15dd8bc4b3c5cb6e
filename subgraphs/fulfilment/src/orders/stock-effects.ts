import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../allocation/plan-writer.js';
import { asJson, query, uuidList } from '../persistence/sql.js';

export interface ReleasedLine {
  shipment_id: string;
  /** The low-carbon consignment the shipment waited in, if any. */
  consignment_id: string | null;
  order_id: string;
  node_id: string;
  eta_at: Date;
  line_no: number;
  sku: string;
  quantity: number;
  unit_weight_grams: number;
}

const OPEN_STATES = `('ALLOCATED', 'PICKED', 'PACKED')`;

/**
 * Ends open shipments of the given orders and gives their reservations back, with one ledger movement per
 * line. `kind` says why (CANCELLATION for a cancelled order, RELEASE when re-allocation moves it elsewhere or an
 * unpaid order's reservation runs out).
 * Returns the released lines. Only shipments still open are touched, so running it twice changes nothing.
 * A low-carbon consignment whose last member this releases is cancelled with it (it no longer waits at the node).
 */
export async function releaseOpenShipments(
  em: EntityManager,
  orderIds: string[],
  kind: 'CANCELLATION' | 'RELEASE',
  newState: 'CANCELLED' | 'REALLOCATED' | 'EXPIRED',
  actor: Actor,
  now: Date,
  onlyNode?: string,
): Promise<ReleasedLine[]> {
  // One statement: the released lines never travel to the service and back (an outage releases thousands at once).
  const released = await query<ReleasedLine>(
    em,
    `
    with ended as (
      update shipment s set state = ?, version = s.version + 1, updated_at = ?
       where s.order_id = any(?::uuid[]) and s.state in ${OPEN_STATES} and (?::text is null or s.node_id = ?)
      returning s.id, s.order_id, s.node_id, s.eta_at, s.consignment_id),
    released as materialized (
      select e.id as shipment_id, e.consignment_id, e.order_id, e.node_id, e.eta_at, l.line_no, l.sku, l.quantity, o.unit_weight_grams
        from ended e join shipment_line l on l.shipment_id = e.id
        join fulfilment_order_line o on o.order_id = e.order_id and o.line_no = l.line_no),
    freed_stock as (
      update inventory i set reserved = i.reserved - f.quantity, updated_at = ?
        from (select sku, node_id, sum(quantity)::int as quantity from released group by 1, 2) f where i.sku = f.sku and i.node_id = f.node_id),
    freed_capacity as (
      update capacity_usage u set used = greatest(0, u.used - f.quantity)
        from (select node_id, sum(quantity)::int as quantity from released group by 1) f where u.node_id = f.node_id and u.day = ?::date),
    movements as (
      insert into stock_movement (sku, node_id, kind, reserved_delta, order_id, shipment_id, actor_type, actor_id, at)
      select sku, node_id, ?, -quantity, order_id, shipment_id, ?, ?, ? from released)
    select * from released`,
    [newState, now, uuidList(orderIds), onlyNode ?? null, onlyNode ?? null, now, now.toISOString().slice(0, 10), kind, actor.type, actor.id, now],
  );
  await cancelEmptiedConsignments(em, [...new Set(released.flatMap((line) => (line.consignment_id ? [line.consignment_id] : [])))], now);
  return released;
}

/**
 * Cancels the given holding consignments that no longer have a member waiting in them. The rows are locked first, in
 * their own statement, so a member that joined meanwhile (a concurrent order of the same customer) is seen by the
 * check that follows, and an order joining afterwards waits and then opens a fresh consignment.
 */
export async function cancelEmptiedConsignments(em: EntityManager, consignmentIds: readonly string[], now: Date): Promise<number> {
  if (consignmentIds.length === 0) return 0;
  await query(em, `select id from consignment where id = any(?::uuid[]) and state = 'HOLDING' order by id for update`, [uuidList(consignmentIds)]);
  const cancelled = await query<{ id: string }>(
    em,
    `update consignment c set state = 'CANCELLED', cancelled_at = ?
      where c.id = any(?::uuid[]) and c.state = 'HOLDING'
        and not exists (select 1 from shipment s where s.consignment_id = c.id and s.state = 'ALLOCATED')
      returning c.id`,
    [now, uuidList(consignmentIds)],
  );
  return cancelled.length;
}

/** Goods that left a node come back (refused at the door, returned): on hand again, once per order. */
export async function restockReturnedOrder(em: EntityManager, orderId: string, actor: Actor, now: Date): Promise<number> {
  const [claimed] = await query<{ order_id: string }>(
    em,
    `update fulfilment_order set restocked = true, state = 'RETURNED', version = version + 1, updated_at = ? where order_id = ? and not restocked and state = 'SHIPPED' returning order_id`,
    [now, orderId],
  );
  if (!claimed) return 0;
  const lines = await query<{ sku: string; node_id: string; quantity: number; shipment_id: string }>(
    em,
    `
    select l.sku, s.node_id, l.quantity, s.id as shipment_id from shipment s join shipment_line l on l.shipment_id = s.id where s.order_id = ? and s.state = 'OUTBOUND'`,
    [orderId],
  );
  if (lines.length === 0) return 0;
  await query(
    em,
    `
    with back as (select sku, node_id, sum(quantity)::int as quantity from jsonb_to_recordset(?::jsonb) as r(sku text, node_id text, quantity int) group by 1, 2)
    update inventory i set on_hand = i.on_hand + b.quantity, updated_at = ? from back b where i.sku = b.sku and i.node_id = b.node_id`,
    [asJson(lines), now],
  );
  await query(
    em,
    `
    insert into stock_movement (sku, node_id, kind, on_hand_delta, order_id, shipment_id, actor_type, actor_id, at)
    select sku, node_id, 'RETURN', quantity, ?::uuid, shipment_id, ?, ?, ? from jsonb_to_recordset(?::jsonb) as r(sku text, node_id text, quantity int, shipment_id uuid)`,
    [orderId, actor.type, actor.id, now, asJson(lines)],
  );
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/** Shipments leave their node: reserved units become a sale (off on hand and off reserved). */
export async function shipOut(em: EntityManager, shipmentIds: string[], actor: Actor, now: Date): Promise<number> {
  const shipped = await query<{ shipment_id: string; order_id: string; node_id: string; sku: string; quantity: number }>(
    em,
    `
    with gone as (
      update shipment s set state = 'OUTBOUND', version = s.version + 1, updated_at = ?
       where s.id = any(?::uuid[]) and s.state in ${OPEN_STATES}
      returning s.id, s.order_id, s.node_id)
    select g.id as shipment_id, g.order_id, g.node_id, l.sku, l.quantity from gone g join shipment_line l on l.shipment_id = g.id`,
    [now, uuidList(shipmentIds)],
  );
  if (shipped.length === 0) return 0;
  await query(
    em,
    `
    with sold as (select sku, node_id, sum(quantity)::int as quantity from jsonb_to_recordset(?::jsonb) as r(sku text, node_id text, quantity int) group by 1, 2)
    update inventory i set on_hand = i.on_hand - s.quantity, reserved = i.reserved - s.quantity, updated_at = ? from sold s where i.sku = s.sku and i.node_id = s.node_id`,
    [asJson(shipped), now],
  );
  await query(
    em,
    `
    insert into stock_movement (sku, node_id, kind, on_hand_delta, reserved_delta, order_id, shipment_id, actor_type, actor_id, at)
    select sku, node_id, 'SALE', -quantity, -quantity, order_id, shipment_id, ?, ?, ? from jsonb_to_recordset(?::jsonb) as r(sku text, node_id text, quantity int, order_id uuid, shipment_id uuid)`,
    [actor.type, actor.id, now, asJson(shipped)],
  );
  await query(
    em,
    `
    update fulfilment_order o set state = 'SHIPPED', version = o.version + 1, updated_at = ?
     where o.order_id = any(?::uuid[])
       and o.state in ('ALLOCATED', 'PARTIALLY_ALLOCATED')
       and not exists (select 1 from shipment s where s.order_id = o.order_id and s.state in ${OPEN_STATES})`,
    [now, uuidList(shipped.map((row) => row.order_id))],
  );
  return shipped.length;
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderEvent, OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { loadOrdersToAllocate, PLACEMENT, SYSTEM_ACTOR, type AllocationService } from '../allocation/allocation.service.js';
import { SERVICE_LEVELS, type ServiceLevel } from '../allocation/domain/allocation.types.js';
import type { Actor } from '../allocation/plan-writer.js';
import { writeTimeline } from '../allocation/plan-writer.js';
import { asJson, query } from '../persistence/sql.js';
import { releaseOpenShipments, restockReturnedOrder, shipOut } from './stock-effects.js';
import type { ConsolidationService } from '../consolidation/consolidation.service.js';
import { DELIVERY_OPTION_SPECS } from '@hub/shared/green/delivery-options.rules';
import { reservationLockOf } from './domain/reservation-lock.rules.js';

/** Weight assumed for an SKU fulfilment has no facts for; such lines stay backordered (no node stocks them). */
const UNKNOWN_SKU_GRAMS = 1_000;
const RESTOCK_ON = new Set(['DELIVERY_REFUSED', 'RETURNED_TO_SENDER', 'RETURN_RECEIVED']);

/**
 * Applies core's order events inside the consumer's transaction (processed-message row included): a placed
 * order is recorded and allocated; a cancellation releases its reservations; goods refused at the door or
 * returned go back on hand; a shipment reported outbound elsewhere becomes a sale. Each effect checks the
 * order's own state as well, so a repeat can never apply twice.
 */
export function createOrderEventsHandler(allocation: AllocationService, consolidation: ConsolidationService, clock: () => Date = () => new Date()) {
  return async (event: OrderEvent, em: EntityManager): Promise<void> => {
    const now = clock();
    if (event.type === 'order.placed') {
      await allocatePlaced(em, allocation, consolidation, [event], now);
      return;
    }
    // Past CREATED the order is paid (or cancelled, or on its way): its reservation no longer runs out.
    const [order] = await query<{ state: string }>(
      em,
      `update fulfilment_order set core_status = ?, core_version = ?, reserve_until = null, updated_at = ? where order_id = ? and core_version < ? returning state`,
      [event.to, event.version, now, event.orderId, event.version],
    );
    if (!order) return;
    const actor: Actor = event.actor;
    if (event.to === 'PAID' && order.state === 'RESERVATION_EXPIRED') {
      // Paid after its reservation ran out: the order is taken again and allocated from the stock there is now.
      await query(em, `update fulfilment_order_line set backordered = quantity where order_id = ?`, [event.orderId]);
      await query(em, `update fulfilment_order set state = 'BACKORDERED', version = version + 1 where order_id = ?`, [event.orderId]);
      await allocation.allocate(em, await loadOrdersToAllocate(em, [event.orderId], 'BACKORDERED'), actor, now);
    } else if (event.to === 'CANCELLED') {
      const released = await releaseOpenShipments(em, [event.orderId], 'CANCELLATION', 'CANCELLED', actor, now);
      await query(em, `update fulfilment_order_line set backordered = 0 where order_id = ?`, [event.orderId]);
      await query(em, `update fulfilment_order set state = 'CANCELLED', version = version + 1 where order_id = ? and state not in ('SHIPPED', 'RETURNED')`, [
        event.orderId,
      ]);
      await writeTimeline(em, [{ order_id: event.orderId, kind: 'CANCELLED', note: `${released.length} reserved line(s) released`, details: {} }], actor, now);
    } else if (event.to === 'OUTBOUND') {
      const open = await query<{ id: string }>(em, `select id from shipment where order_id = ? and state in ('ALLOCATED', 'PICKED', 'PACKED')`, [
        event.orderId,
      ]);
      await shipOut(
        em,
        open.map((row) => row.id),
        actor,
        now,
      );
    } else if (RESTOCK_ON.has(event.to)) {
      const units = await restockReturnedOrder(em, event.orderId, actor, now);
      if (units > 0)
        await writeTimeline(
          em,
          [{ order_id: event.orderId, kind: 'RESTOCKED', note: `${units} unit(s) back on hand after ${event.to}`, details: {} }],
          actor,
          now,
        );
    }
  };
}

/**
 * The same for events that arrived together (the consumer's batch): consecutive placements are recorded and allocated
 * as one batch, in one set of statements, in the order they came; any other event is applied where it stands, so an
 * order's own events keep their order.
 */
export function createOrderEventsBatchHandler(allocation: AllocationService, consolidation: ConsolidationService, clock: () => Date = () => new Date()) {
  const handle = createOrderEventsHandler(allocation, consolidation, clock);
  return async (events: OrderEvent[], em: EntityManager): Promise<void> => {
    let placed: OrderPlacedEvent[] = [];
    for (const event of events) {
      if (event.type === 'order.placed') {
        placed.push(event);
        continue;
      }
      if (placed.length > 0) await allocatePlaced(em, allocation, consolidation, placed, clock());
      placed = [];
      await handle(event, em);
    }
    if (placed.length > 0) await allocatePlaced(em, allocation, consolidation, placed, clock());
  };
}

async function allocatePlaced(
  em: EntityManager,
  allocation: AllocationService,
  consolidation: ConsolidationService,
  events: readonly OrderPlacedEvent[],
  now: Date,
): Promise<void> {
  const taken: OrderPlacedEvent[] = [];
  // An order an order rule holds for review is not taken until core publishes it again, released (issue 14).
  for (const event of events) if (event.lines && !event.held && (await recordOrder(em, event))) taken.push(event);
  if (taken.length === 0) return;
  const arrival = new Map(taken.map((event, index) => [event.orderId, index]));
  // First come, first served when stock is short, as if each had been allocated on its own.
  const orders = (await loadOrdersToAllocate(em, [...arrival.keys()], 'BACKORDERED')).sort((a, b) => arrival.get(a.orderId)! - arrival.get(b.orderId)!);
  // A low-carbon order waits for the customer's other orders to the same address (issue 16), and the planned
  // shipments event carries the ETA after that wait.
  const consolidated = taken.filter((event) => event.delivery?.option === 'CONSOLIDATED').map((event) => event.orderId);
  await allocation.allocate(
    em,
    orders,
    SYSTEM_ACTOR,
    now,
    consolidated.length > 0 ? { ...PLACEMENT, afterWrite: () => consolidation.hold(em, consolidated, now) } : PLACEMENT,
  );
}

/** Inserts fulfilment's copy of a placed order; false when it was already there. */
async function recordOrder(em: EntityManager, event: OrderPlacedEvent): Promise<boolean> {
  const attributes = Object.assign({}, ...(event.lines ?? []).map((line) => line.attributes));
  // The delivery option chosen at checkout decides the service level; older orders name it in their lines.
  const serviceLevel: ServiceLevel = event.delivery
    ? DELIVERY_OPTION_SPECS[event.delivery.option].serviceLevel
    : SERVICE_LEVELS.includes(attributes.serviceLevel as ServiceLevel)
      ? (attributes.serviceLevel as ServiceLevel)
      : 'STANDARD';
  const delivery = event.delivery ?? null;
  const zoneCode = typeof attributes.deliveryZone === 'string' ? attributes.deliveryZone : null;
  const lock = reservationLockOf(event.ruleFacts, event.status, new Date(event.occurredAt));
  const [inserted] = await query<{ order_id: string }>(
    em,
    `
    insert into fulfilment_order (order_id, number, region, channel, customer_ref, service_level, zone, lat, lon, allow_cross_border, placed_at, state, core_status, core_version,
      delivery_option, promised_by, consolidate_until, consolidation_key, rule_facts, reserve_until, on_shortage)
    select ?, ?, ?, ?, ?, ?, coalesce(z.code, 'unknown'), coalesce(z.lat, 0), coalesce(z.lon, 0), ?, ?, 'BACKORDERED', ?, ?, ?, ?::timestamptz, ?::timestamptz, ?, ?::jsonb, ?, ?
      from (select 1) one
      left join lateral (select * from delivery_zone where (code = ? and region = ?) or (is_default and region = ?) order by (code = ?) desc limit 1) z on true
    on conflict (order_id) do nothing returning order_id`,
    [
      event.orderId,
      event.number,
      event.region,
      event.channel,
      event.customerRef,
      serviceLevel,
      attributes.allowCrossBorder === true,
      event.occurredAt,
      event.status,
      event.version,
      delivery?.option ?? 'STANDARD',
      delivery?.promisedBy ?? null,
      delivery?.consolidateUntil ?? null,
      delivery?.consolidationKey ?? null,
      event.ruleFacts ? asJson({ ...event.ruleFacts, currency: event.currency }) : null,
      lock.reserveUntil,
      lock.onShortage,
      zoneCode,
      event.region,
      event.region,
      zoneCode,
    ],
  );
  if (!inserted) return false;
  await query(
    em,
    `
    insert into fulfilment_order_line (order_id, line_no, sku, quantity, unit_weight_grams, backordered)
    select ?::uuid, r.line_no, r.sku, r.quantity, coalesce(s.unit_weight_grams, ?), r.quantity
      from jsonb_to_recordset(?::jsonb) as r(line_no int, sku text, quantity int) left join sku s on s.sku = r.sku`,
    [event.orderId, UNKNOWN_SKU_GRAMS, asJson(event.lines!.map((line) => ({ line_no: line.lineNo, sku: line.sku, quantity: line.quantity })))],
  );
  return true;
}

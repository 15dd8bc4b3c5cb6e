import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderEvent, OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { loadOrdersToAllocate, PLACEMENT, SYSTEM_ACTOR, type AllocationService } from '../allocation/allocation.service.js';
import type { Actor } from '../allocation/plan-writer.js';
import { writeTimeline } from '../allocation/plan-writer.js';
import { query } from '../persistence/sql.js';
import { releaseOpenShipments, restockReturnedOrder, shipOut } from './stock-effects.js';
import type { ConsolidationService } from '../consolidation/consolidation.service.js';
import { recordOrders } from './record-orders.js';

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
  // An order an order rule holds for review is not taken until core publishes it again, released (issue 14).
  const placed = events.filter((event) => event.lines && !event.held);
  // First come, first served when stock is short, as if each had been allocated on its own.
  const { orders, facts } = await recordOrders(em, placed, allocation.weighsByRules());
  if (facts.length === 0) return;
  const taken = new Set(facts.map((row) => row.order_id));
  // A low-carbon order waits for the customer's other orders to the same address (issue 16), and the planned
  // shipments event carries the ETA after that wait.
  const firstOf = new Map<string, OrderPlacedEvent>();
  for (const event of placed) if (!firstOf.has(event.orderId)) firstOf.set(event.orderId, event);
  const consolidated = [...firstOf.values()]
    .filter((event) => event.delivery?.option === 'CONSOLIDATED' && taken.has(event.orderId))
    .map((event) => event.orderId);
  await allocation.allocate(
    em,
    orders,
    SYSTEM_ACTOR,
    now,
    consolidated.length > 0 ? { ...PLACEMENT, facts, afterWrite: () => consolidation.hold(em, consolidated, now) } : { ...PLACEMENT, facts },
  );
}

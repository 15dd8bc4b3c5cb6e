import type { CarrierEvent, EventProblem } from './carrier-event.rules.js';

/** A shipment as the store knows it, found by tracking number (any carrier's). */
export interface KnownShipment {
  id: string;
  carrierId: string;
  orderId: string;
}

/** What the store knows about a validated batch's parcels, read before the write transaction. */
export interface BatchFacts {
  /** By tracking number: every registered shipment with that number, of any carrier. */
  shipmentsByNumber: ReadonlyMap<string, readonly KnownShipment[]>;
  /** Orders tracking has heard of from core, among those the batch names for parcels it does not know. */
  knownOrders: ReadonlySet<string>;
}

/** A batch sorted into what one write transaction does with it. */
export interface IngestPlan {
  /** Events of a shipment that exists or that this batch opens, with that shipment's id. */
  store: Array<{ event: CarrierEvent; shipmentId: string }>;
  /** Shipments to open: a new tracking number naming an order core told us about (id chosen here). */
  open: Array<{ id: string; orderId: string; trackingNumber: string }>;
  /** Valid events of parcels not known yet: kept until their shipment or order appears. */
  park: CarrierEvent[];
  /** Events refused for their parcel; `position` is the event's place in the validated batch. */
  rejected: Array<{ position: number; eventId: string } & EventProblem>;
}

/**
 * Sorts a carrier's validated batch (no I/O): an event joins its shipment when this carrier owns the tracking
 * number; a number owned only by another carrier is refused (a carrier never writes into another's parcels);
 * an owned number named with another order is refused; a new number naming a known order opens one shipment
 * (the earliest event's order, ids from `newId`); the rest is parked, never lost.
 */
export function planIngestBatch(carrierId: string, events: readonly CarrierEvent[], facts: BatchFacts, newId: () => string): IngestPlan {
  const plan: IngestPlan = { store: [], open: [], park: [], rejected: [] };
  const opening = new Map<string, { id: string; orderId: string; trackingNumber: string }>();
  // Only events that may open a shipment are put in time order: most batches are for known parcels.
  const openers = events.filter(
    (event) => event.orderId !== null && facts.knownOrders.has(event.orderId) && (facts.shipmentsByNumber.get(event.trackingNumber) ?? []).length === 0,
  );
  for (const event of openers.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())) {
    if (!opening.has(event.trackingNumber)) opening.set(event.trackingNumber, { id: newId(), orderId: event.orderId!, trackingNumber: event.trackingNumber });
  }
  events.forEach((event, position) => {
    const registered = facts.shipmentsByNumber.get(event.trackingNumber) ?? [];
    const own = registered.find((shipment) => shipment.carrierId === carrierId) ?? opening.get(event.trackingNumber);
    if (own === undefined && registered.length > 0) {
      plan.rejected.push({
        position,
        eventId: event.eventId,
        code: 'CARRIER_MISMATCH',
        field: 'trackingNumber',
        message: 'This parcel is registered to another carrier',
      });
    } else if (own !== undefined && event.orderId !== null && event.orderId !== own.orderId) {
      plan.rejected.push({
        position,
        eventId: event.eventId,
        code: 'INVALID_EVENT',
        field: 'orderId',
        message: 'This tracking number belongs to another order',
      });
    } else if (own !== undefined) {
      plan.store.push({ event, shipmentId: own.id });
    } else {
      plan.park.push(event);
    }
  });
  plan.open = [...opening.values()];
  return plan;
}

/**
 * After opening shipments: another batch may have opened some of the same numbers first, so their events go to
 * the shipment that won (`winners`: tracking number → id); ids this batch chose and lost are replaced.
 */
export function redirectToWinners(plan: IngestPlan, winners: ReadonlyMap<string, string>): IngestPlan['store'] {
  if (winners.size === 0) return plan.store;
  return plan.store.map((entry) => {
    const winner = winners.get(entry.event.trackingNumber);
    return winner === undefined || winner === entry.shipmentId ? entry : { ...entry, shipmentId: winner };
  });
}

import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderPlacedEvent } from '@hub/shared/messaging/contracts';
import { DELIVERY_OPTION_SPECS } from '@hub/shared/green/delivery-options.rules';
import { SERVICE_LEVELS, type OrderToAllocate, type ServiceLevel } from '../allocation/domain/allocation.types.js';
import type { BackorderPolicy, OrderFacts, OrderRow } from '../allocation/allocation.service.js';
import type { StoredRuleFacts } from '../allocation/domain/order-weights.js';
import { asJson, query } from '../persistence/sql.js';
import { reservationLockOf } from './domain/reservation-lock.rules.js';

/** Weight assumed for an SKU fulfilment has no facts for; such lines stay backordered (no node stocks them). */
const UNKNOWN_SKU_GRAMS = 1_000;

export interface RecordedOrders {
  /** The orders taken now, in the order their events came, with all their units still to place. */
  orders: OrderToAllocate[];
  /** What allocation reads about them besides (it need not read it back). */
  facts: OrderFacts[];
}

interface RecordedRow extends OrderRow {
  on_shortage: BackorderPolicy | null;
  rule_facts: StoredRuleFacts | null;
  line_no: number | null;
  sku: string | null;
  quantity: number | null;
  unit_weight_grams: number | null;
}

/**
 * Inserts fulfilment's copy of placed orders and their lines in one statement, skipping those already there (a
 * redelivery), and returns what allocating them needs from the rows as written. `withRuleFacts`: return the stored rule
 * facts too (only allocation-weight rules read them).
 */
export async function recordOrders(em: EntityManager, events: readonly OrderPlacedEvent[], withRuleFacts: boolean): Promise<RecordedOrders> {
  // The first of two events for one order takes it, as if they had come one after the other.
  const first = new Map<string, OrderPlacedEvent>();
  for (const event of events) if (!first.has(event.orderId)) first.set(event.orderId, event);
  const rows = [...first.values()].map((event, arrival) => orderRow(event, arrival));
  if (rows.length === 0) return { orders: [], facts: [] };
  const recorded = await query<RecordedRow>(
    em,
    `
    with r as materialized (
      select * from jsonb_to_recordset(?::jsonb) as r(arrival int, order_id uuid, number text, region text, channel text, customer_ref text,
           service_level text, zone_code text, allow_cross_border boolean, placed_at timestamptz, core_status text, core_version int,
           delivery_option text, promised_by timestamptz, consolidate_until timestamptz, consolidation_key text, rule_facts jsonb,
           reserve_until timestamptz, on_shortage text, lines jsonb)),
    o as (
      insert into fulfilment_order (order_id, number, region, channel, customer_ref, service_level, zone, lat, lon, allow_cross_border, placed_at, state,
             core_status, core_version, delivery_option, promised_by, consolidate_until, consolidation_key, rule_facts, reserve_until, on_shortage)
      select r.order_id, r.number, r.region, r.channel, r.customer_ref, r.service_level, coalesce(z.code, 'unknown'), coalesce(z.lat, 0), coalesce(z.lon, 0),
             r.allow_cross_border, r.placed_at, 'BACKORDERED', r.core_status, r.core_version, r.delivery_option, r.promised_by, r.consolidate_until,
             r.consolidation_key, r.rule_facts, r.reserve_until, r.on_shortage
        from r
        left join lateral (select * from delivery_zone where (code = r.zone_code and region = r.region) or (is_default and region = r.region)
                            order by (code = r.zone_code) desc limit 1) z on true
       order by r.arrival
      on conflict (order_id) do nothing
      returning order_id, region, channel, service_level, lat, lon, allow_cross_border, placed_at, on_shortage, case when ? then rule_facts end as rule_facts),
    l as (
      insert into fulfilment_order_line (order_id, line_no, sku, quantity, unit_weight_grams, backordered)
      select o.order_id, x.line_no, x.sku, x.quantity, coalesce(s.unit_weight_grams, ?), x.quantity
        from o join r on r.order_id = o.order_id
        cross join lateral jsonb_to_recordset(r.lines) as x(line_no int, sku text, quantity int)
        left join sku s on s.sku = x.sku
      returning order_id, line_no, sku, quantity, unit_weight_grams)
    select o.*, l.line_no, l.sku, l.quantity, l.unit_weight_grams
      from o join r on r.order_id = o.order_id left join l on l.order_id = o.order_id
     order by r.arrival, l.line_no`,
    [asJson(rows), withRuleFacts, UNKNOWN_SKU_GRAMS],
  );
  const orders: OrderToAllocate[] = [];
  const facts: OrderFacts[] = [];
  for (const row of recorded) {
    let order = orders.at(-1);
    if (order?.orderId !== row.order_id) {
      facts.push({ order_id: row.order_id, channel: row.channel, region: row.region, rule_facts: row.rule_facts, on_shortage: row.on_shortage });
      order = {
        orderId: row.order_id,
        placedAt: new Date(row.placed_at),
        region: row.region,
        destination: { lat: row.lat, lon: row.lon },
        serviceLevel: row.service_level,
        allowCrossBorder: row.allow_cross_border,
        lines: [],
      };
      orders.push(order);
    }
    if (row.line_no !== null) order.lines.push({ lineNo: row.line_no, sku: row.sku!, quantity: row.quantity!, unitWeightGrams: row.unit_weight_grams! });
  }
  // An order without lines has nothing to place.
  return { orders: orders.filter((order) => order.lines.length > 0), facts };
}

function orderRow(event: OrderPlacedEvent, arrival: number) {
  const attributes = Object.assign({}, ...(event.lines ?? []).map((line) => line.attributes));
  // The delivery option chosen at checkout decides the service level; older orders name it in their lines.
  const serviceLevel: ServiceLevel = event.delivery
    ? DELIVERY_OPTION_SPECS[event.delivery.option].serviceLevel
    : SERVICE_LEVELS.includes(attributes.serviceLevel as ServiceLevel)
      ? (attributes.serviceLevel as ServiceLevel)
      : 'STANDARD';
  const delivery = event.delivery ?? null;
  const lock = reservationLockOf(event.ruleFacts, event.status, new Date(event.occurredAt));
  return {
    arrival,
    order_id: event.orderId,
    number: event.number,
    region: event.region,
    channel: event.channel,
    customer_ref: event.customerRef,
    service_level: serviceLevel,
    zone_code: typeof attributes.deliveryZone === 'string' ? attributes.deliveryZone : null,
    allow_cross_border: attributes.allowCrossBorder === true,
    placed_at: event.occurredAt,
    core_status: event.status,
    core_version: event.version,
    delivery_option: delivery?.option ?? 'STANDARD',
    promised_by: delivery?.promisedBy ?? null,
    consolidate_until: delivery?.consolidateUntil ?? null,
    consolidation_key: delivery?.consolidationKey ?? null,
    rule_facts: event.ruleFacts ? { ...event.ruleFacts, currency: event.currency } : null,
    reserve_until: lock.reserveUntil,
    on_shortage: lock.onShortage,
    lines: (event.lines ?? []).map((line) => ({ line_no: line.lineNo, sku: line.sku, quantity: line.quantity })),
  };
}

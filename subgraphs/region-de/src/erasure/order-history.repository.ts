import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionalOrderStatusEvent } from '@hub/shared/region/regional-order.entity';
import type { IsoDate } from '../rules/calendar.rules.js';
import { invoiceDocumentDate } from '../rules/retention.rules.js';

export interface OrderHistoryFacts {
  /** The date of the newest invoice or credit note; null when the order was never paid. */
  documentDate: IsoDate | null;
}

/** From region-de's copy of the timelines: the booking documents each order has. */
export async function loadOrderHistoryFacts(em: EntityManager, orderIds: readonly string[]): Promise<Map<string, OrderHistoryFacts>> {
  const events = orderIds.length === 0 ? [] : await em.find(RegionalOrderStatusEvent, { orderId: { $in: [...orderIds] } });
  return new Map(orderIds.map((id) => [id, { documentDate: invoiceDocumentDate(events.filter((event) => event.orderId === id)) }]));
}

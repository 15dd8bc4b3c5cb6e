import type { EntityManager } from '@mikro-orm/postgresql';
import { RegionalOrderStatusEvent } from '@hub/shared/region/regional-order.entity';

export interface OrderHistoryFacts {
  everPaid: boolean;
  lastChangeAt: Date | null;
}

/** From region-de's copy of the timelines: was each order ever paid, and when did it last change. */
export async function loadOrderHistoryFacts(em: EntityManager, orderIds: readonly string[]): Promise<Map<string, OrderHistoryFacts>> {
  const events = orderIds.length === 0 ? [] : await em.find(RegionalOrderStatusEvent, { orderId: { $in: [...orderIds] } });
  const facts = new Map<string, OrderHistoryFacts>(orderIds.map((id) => [id, { everPaid: false, lastChangeAt: null }]));
  for (const event of events) {
    const current = facts.get(event.orderId)!;
    current.everPaid ||= event.toStatus === 'PAID';
    if (!current.lastChangeAt || event.at > current.lastChangeAt) current.lastChangeAt = event.at;
  }
  return facts;
}

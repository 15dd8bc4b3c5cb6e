import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderEvent } from '@hub/shared/messaging/contracts';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { ERASABLE_STATUSES } from '../rules/erasure.rules.js';
import { loadOrderHistoryFacts } from './order-history.repository.js';
import { eraseOrder } from './order-erasure.js';

export const ERASURE_SYSTEM_ACTOR = 'system:region-de-erasure';

/**
 * Completes deferred erasure requests: when core reports that an order closed, its personal data is erased
 * or restricted in the same transaction that records the event, so a redelivered event changes nothing.
 */
export function createErasureOnCloseHandler(clock: () => Date) {
  return async (event: OrderEvent, em: EntityManager): Promise<void> => {
    const status = event.type === 'order.placed' ? event.status : event.to;
    if (!ERASABLE_STATUSES.has(status)) return;
    const contact = await em.findOne(DeOrderContact, { orderId: event.orderId, erasureRequestedAt: { $ne: null } });
    if (!contact) return;
    const order = await em.findOneOrFail(RegionalOrder, { orderId: event.orderId }, { refresh: true });
    const history = await loadOrderHistoryFacts(em, [event.orderId]);
    await eraseOrder(em, {
      contact,
      customerRef: order.customerRef,
      status: order.status ?? null,
      history: history.get(event.orderId)!,
      now: clock(),
      actor: ERASURE_SYSTEM_ACTOR,
    });
  };
}

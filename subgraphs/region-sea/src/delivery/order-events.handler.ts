import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrderEvent } from '@hub/shared/messaging/contracts';
import { confirmAmountDue } from '../payments/sea-payment.repository.js';
import { SeaDeliveryActor } from './sea-delivery.entity.js';

/**
 * region-sea's part of applying core's events (same transaction as the shared projection): core's grand total
 * replaces the one computed at placement, and the reporter of a delivery is kept for cash reconciliation.
 */
export async function applySeaOrderEvent(event: OrderEvent, em: EntityManager): Promise<void> {
  if (event.type === 'order.placed') {
    await confirmAmountDue(em, event.orderId, event.grandTotal);
  } else if (event.to === 'SIGNED') {
    em.create(SeaDeliveryActor, { orderId: event.orderId, version: event.version, actorType: event.actor.type, actorId: event.actor.id });
    await em.flush();
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { SeaPayment } from './sea-payment.entity.js';

/** Core's grand total is what the customer pays; it replaces region-sea's estimate where the two differ. */
export async function confirmAmountDue(em: EntityManager, orderId: string, grandTotal: number): Promise<void> {
  await em.nativeUpdate(SeaPayment, { orderId, amountDue: { $ne: grandTotal } }, { amountDue: grandTotal });
}

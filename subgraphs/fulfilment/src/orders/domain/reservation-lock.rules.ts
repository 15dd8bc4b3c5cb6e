import type { OrderRuleFacts, OrderStatus } from '@hub/shared/messaging/contracts';
import type { BackorderPolicy } from '../../allocation/allocation.service.js';

/** What fulfilment keeps from an order's inventory-lock decision when it takes the order. */
export interface ReservationLock {
  /** When the unpaid order's reservation runs out; null: kept until payment, cancellation or shipping. */
  reserveUntil: Date | null;
  /** The order's own shortage policy; null: fulfilment's configured one. */
  onShortage: BackorderPolicy | null;
}

/**
 * Stock is locked for an unpaid order only as long as the inventory-lock rule says (库存锁定时长): a cash-on-delivery
 * order is paid at the door and an order already paid has nothing left to wait for, so neither expires. The clock
 * starts when fulfilment takes the order (a held order's at its release, when core publishes it again).
 */
export function reservationLockOf(facts: OrderRuleFacts | undefined, status: OrderStatus, takenAt: Date): ReservationLock {
  const lock = facts?.inventoryLock;
  const onShortage = lock?.onShortage ?? null;
  if (!facts || !lock || lock.holdMinutes === null || facts.paymentTerms === 'CASH_ON_DELIVERY' || status !== 'CREATED')
    return { reserveUntil: null, onShortage };
  return { reserveUntil: new Date(takenAt.getTime() + lock.holdMinutes * 60_000), onShortage };
}

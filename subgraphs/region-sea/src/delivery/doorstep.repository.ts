import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '@hub/shared/errors';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { SeaCodCollection, SeaPayment } from '../payments/sea-payment.entity.js';
import type { DoorstepFacts } from '../rules/cod-collection.rules.js';
import { SeaDeliveryRefusal } from './sea-delivery.entity.js';

export interface Doorstep {
  record: RegionalOrder;
  payment: SeaPayment | null;
  collection: SeaCodCollection | null;
  refusal: SeaDeliveryRefusal | null;
  facts: DoorstepFacts;
}

/**
 * Loads what happened at an order's door, holding a row lock on the regional order until the transaction ends:
 * a cash report and a refusal for the same parcel (two couriers' apps, or a retry racing the first) are then
 * decided one after the other, never both on the same stale facts.
 */
export async function lockDoorstep(em: EntityManager, orderId: string): Promise<Doorstep> {
  const record = await em.findOne(RegionalOrder, { orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!record) throw new NotFoundError('Order', orderId);
  const payment = await em.findOne(SeaPayment, { orderId });
  const collection = await em.findOne(SeaCodCollection, { orderId });
  const refusal = await em.findOne(SeaDeliveryRefusal, { orderId });
  return {
    record,
    payment,
    collection,
    refusal,
    facts: {
      status: record.status ?? null,
      payment: payment && { method: payment.method, amountDue: payment.amountDue },
      collection: collection && { courierId: collection.courierId, amount: collection.amount },
      refusal: refusal && { courierId: refusal.courierId, reason: refusal.reason },
    },
  };
}

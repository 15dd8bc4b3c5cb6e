import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { SEA_PAYMENT_METHODS } from './sea-payment-method.js';

/** The customer's payment choice for one SEA order, and what is due in cash when it is cash on delivery. */
export const SeaPayment = defineEntity({
  name: 'SeaPayment',
  tableName: 'sea_payment',
  properties: {
    orderId: p.uuid().primary(),
    method: p.enum(SEA_PAYMENT_METHODS),
    currency: p.string().length(3),
    /** Minor units; computed at placement and replaced by core's grand total when core reports the order. */
    amountDue: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type SeaPayment = InferEntity<typeof SeaPayment>;

/** Cash a courier took at the door: one row per order, so it can only be recorded once. */
export const SeaCodCollection = defineEntity({
  name: 'SeaCodCollection',
  tableName: 'sea_cod_collection',
  properties: {
    orderId: p.uuid().primary(),
    courierId: p.string().length(200),
    amount: p.bigint('number'),
    currency: p.string().length(3),
    collectedAt: p.datetime().index(),
  },
});
export type SeaCodCollection = InferEntity<typeof SeaCodCollection>;

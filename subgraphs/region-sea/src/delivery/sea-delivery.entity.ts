import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const SEA_REFUSAL_REASONS = ['CHANGED_MIND', 'CANNOT_PAY', 'DAMAGED_PARCEL', 'WRONG_ITEM', 'OTHER'] as const;
export type SeaRefusalReason = (typeof SEA_REFUSAL_REASONS)[number];

/** A parcel the customer refused at the door; core records DELIVERY_REFUSED from the command it queued. */
export const SeaDeliveryRefusal = defineEntity({
  name: 'SeaDeliveryRefusal',
  tableName: 'sea_delivery_refusal',
  properties: {
    orderId: p.uuid().primary(),
    courierId: p.string().length(200),
    reason: p.enum(SEA_REFUSAL_REASONS),
    refusedAt: p.datetime(),
    /** Core's reason when it refused to record the refusal; its stock releases are then withdrawn. */
    coreRejection: p.string().length(500).nullable(),
  },
});
export type SeaDeliveryRefusal = InferEntity<typeof SeaDeliveryRefusal>;

/** Stock to put back on the shelf for one line of a refused order, until a stock service takes this over. */
export const SeaStockRelease = defineEntity({
  name: 'SeaStockRelease',
  tableName: 'sea_stock_release',
  properties: {
    orderId: p.uuid().primary(),
    lineNo: p.integer().primary(),
    sku: p.string().length(64),
    quantity: p.integer(),
    reason: p.string().length(32),
    releasedAt: p.datetime(),
  },
});
export type SeaStockRelease = InferEntity<typeof SeaStockRelease>;

/**
 * Who reported an order delivered (SIGNED), from core's status events. The shared copy of the timeline keeps
 * only the actor's type, and cash reconciliation needs the courier.
 */
export const SeaDeliveryActor = defineEntity({
  name: 'SeaDeliveryActor',
  tableName: 'sea_delivery_actor',
  properties: {
    orderId: p.uuid().primary(),
    version: p.integer().primary(),
    actorType: p.string().length(16),
    actorId: p.string().length(200),
  },
});
export type SeaDeliveryActor = InferEntity<typeof SeaDeliveryActor>;

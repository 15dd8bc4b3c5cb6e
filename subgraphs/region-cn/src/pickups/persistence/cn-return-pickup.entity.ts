import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { CnPickupSlot } from './cn-pickup-slot.entity.js';

export const PICKUP_STATES = ['SCHEDULED', 'CANCELLED', 'PICKED_UP'] as const;

/** The door pickup of a return: its slot (moved on reschedule), the consented fee, and the courier's scan. */
export const CnReturnPickup = defineEntity({
  name: 'CnReturnPickup',
  tableName: 'cn_return_pickup',
  properties: {
    returnId: p.uuid().primary(),
    slot: () => p.manyToOne(CnPickupSlot).index(),
    state: p.enum(PICKUP_STATES),
    fee: p.bigint('number'),
    /** When and by whom a charged pickup was agreed to (Interim Measures art. 18); null for free pickups. */
    feeConsentedAt: p.datetime().nullable(),
    feeConsentedBy: p.string().length(200).nullable(),
    bookedBy: p.string().length(200),
    bookedAt: p.datetime(),
    pickedUpAt: p.datetime().nullable(),
    pickedUpBy: p.string().length(200).nullable(),
  },
});
export type CnReturnPickup = InferEntity<typeof CnReturnPickup>;

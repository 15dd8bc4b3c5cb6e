import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A door-pickup time slot for one district, with its capacity and the fee the shop asks (0 = free). `booked`
 * only moves through conditional updates, and the check constraint keeps it within capacity.
 */
export const CnPickupSlot = defineEntity({
  name: 'CnPickupSlot',
  tableName: 'cn_pickup_slot',
  properties: {
    id: p.uuid().primary(),
    province: p.string().length(50),
    city: p.string().length(50),
    district: p.string().length(50),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    capacity: p.integer(),
    booked: p.integer().default(0),
    fee: p.bigint('number').default(0),
  },
  uniques: [{ properties: ['province', 'city', 'district', 'startsAt'] }],
  checks: [
    { name: 'cn_pickup_slot_booked_check', expression: 'booked >= 0 and booked <= capacity' },
    { name: 'cn_pickup_slot_times_check', expression: 'ends_at > starts_at' },
    { name: 'cn_pickup_slot_fee_check', expression: 'fee >= 0' },
  ],
});
export type CnPickupSlot = InferEntity<typeof CnPickupSlot>;

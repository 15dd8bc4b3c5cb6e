import { raw, type EntityManager } from '@mikro-orm/postgresql';
import { CnPickupSlot } from './persistence/cn-pickup-slot.entity.js';

export interface PickupArea {
  province: string;
  city: string;
  district: string;
}

/**
 * Takes one place in a slot if it has one left and has not started: a single conditional update, so
 * concurrent bookings can never overbook (and the check constraint would refuse it if they could).
 */
export async function claimSlotPlace(em: EntityManager, slotId: string, area: PickupArea, now: Date): Promise<boolean> {
  const claimed = await em.nativeUpdate(
    CnPickupSlot,
    { id: slotId, ...area, startsAt: { $gt: now }, booked: { $lt: raw('capacity') } },
    { booked: raw('booked + 1') },
  );
  return claimed === 1;
}

export async function releaseSlotPlace(em: EntityManager, slotId: string): Promise<void> {
  await em.nativeUpdate(CnPickupSlot, { id: slotId, booked: { $gt: 0 } }, { booked: raw('booked - 1') });
}

/** Why a place could not be claimed, for the client to pick another slot. */
export async function whySlotUnavailable(
  em: EntityManager,
  slotId: string,
  area: PickupArea,
  now: Date,
): Promise<'NOT_FOUND' | 'OTHER_AREA' | 'STARTED' | 'FULL'> {
  const slot = await em.findOne(CnPickupSlot, { id: slotId });
  if (!slot) return 'NOT_FOUND';
  if (slot.province !== area.province || slot.city !== area.city || slot.district !== area.district) return 'OTHER_AREA';
  if (slot.startsAt.getTime() <= now.getTime()) return 'STARTED';
  return 'FULL';
}

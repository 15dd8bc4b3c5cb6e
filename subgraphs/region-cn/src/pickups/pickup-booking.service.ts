import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { InputValidationError, NotFoundError } from '@hub/shared/errors';
import type { Clock } from '../clock.js';
import { CnOrderContact } from '../orders/cn-order-contact.entity.js';
import { consentedPickupFee } from '../rules/pickup-fee.rules.js';
import { assertReturnStep } from '../rules/return-steps.rules.js';
import { isTheCustomer } from '../returns/order-access.js';
import type { CnReturn } from '../returns/persistence/cn-return.entity.js';
import { inReturnTransaction } from '../returns/core-step.js';
import { advanceReturn, lockReturn } from '../returns/return-lock.js';
import { CnPickupSlot } from './persistence/cn-pickup-slot.entity.js';
import { CnReturnPickup } from './persistence/cn-return-pickup.entity.js';
import { claimSlotPlace, releaseSlotPlace, whySlotUnavailable, type PickupArea } from './pickup-slots.repository.js';

export interface BookPickupCommand {
  returnId: string;
  slotId: string;
  /** The fee the customer agreed to, repeated from the slot they saw; needed only for charged slots. */
  acceptedPickupFee?: number | null;
  expectedVersion?: number | null;
}

/** A slot that cannot take the booking: a value for the client, who picks another slot. */
export interface PickupUnavailable {
  unavailable: true;
  slotId: string;
  reason: 'FULL' | 'STARTED';
}

/** Books, moves and cancels the door pickup of a return (上门取件) within each slot's capacity. */
export class PickupBookingService {
  constructor(
    private readonly orm: MikroORM,
    private readonly commandsQueued: () => void,
    private readonly clock: Clock,
  ) {}

  schedule(principal: Principal, command: BookPickupCommand): Promise<CnReturn | PickupUnavailable> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret, order } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      assertReturnStep(ret.state, 'schedulePickup');
      const booking = await this.claim(em, ret, command, isTheCustomer(principal, order));
      if ('unavailable' in booking) return booking;
      const { slot, fee, now } = booking;
      await advanceReturn(em, principal, ret, 'schedulePickup', now, `door pickup ${slot.startsAt.toISOString()}–${slot.endsAt.toISOString()}, fee ${fee} fen`);
      const consent = { feeConsentedAt: fee > 0 ? now : null, feeConsentedBy: fee > 0 ? principal.subject : null };
      const pickup = await em.findOne(CnReturnPickup, { returnId: ret.id });
      if (pickup)
        em.assign(pickup, { slot, state: 'SCHEDULED', fee, ...consent, bookedBy: principal.subject, bookedAt: now, pickedUpAt: null, pickedUpBy: null });
      else
        em.create(CnReturnPickup, {
          returnId: ret.id,
          slot,
          state: 'SCHEDULED',
          fee,
          ...consent,
          bookedBy: principal.subject,
          bookedAt: now,
          pickedUpAt: null,
          pickedUpBy: null,
        });
      await em.flush();
      return ret;
    });
  }

  reschedule(principal: Principal, command: BookPickupCommand): Promise<CnReturn | PickupUnavailable> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret, order } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      assertReturnStep(ret.state, 'reschedulePickup');
      const pickup = await em.findOneOrFail(CnReturnPickup, { returnId: ret.id });
      if (pickup.slot.id === command.slotId) return ret;
      const booking = await this.claim(em, ret, command, isTheCustomer(principal, order));
      if ('unavailable' in booking) return booking;
      await releaseSlotPlace(em, pickup.slot.id);
      const { slot, fee, now } = booking;
      em.assign(pickup, {
        slot,
        fee,
        feeConsentedAt: fee > 0 ? now : null,
        feeConsentedBy: fee > 0 ? principal.subject : null,
        bookedBy: principal.subject,
        bookedAt: now,
      });
      ret.updatedAt = now; // a new pickup time is a new version of the return
      await em.flush();
      return ret;
    });
  }

  cancel(principal: Principal, command: { returnId: string; expectedVersion?: number | null }): Promise<CnReturn> {
    return inReturnTransaction(this.orm, this.commandsQueued, async (em) => {
      const { ret } = await lockReturn(em, principal, command.returnId, command.expectedVersion);
      assertReturnStep(ret.state, 'cancelPickup');
      await cancelScheduledPickup(em, ret.id);
      await advanceReturn(em, principal, ret, 'cancelPickup', this.clock(), 'door pickup cancelled');
      await em.flush();
      return ret;
    });
  }

  /** Checks the fee consent, then takes a place in the slot; the caller's transaction makes both one step. */
  private async claim(
    em: EntityManager,
    ret: CnReturn,
    command: BookPickupCommand,
    byCustomer: boolean,
  ): Promise<{ slot: CnPickupSlot; fee: number; now: Date } | PickupUnavailable> {
    const now = this.clock();
    const area = await pickupAreaOf(em, ret.orderId);
    const slot = await em.findOne(CnPickupSlot, { id: command.slotId });
    if (!slot) throw new NotFoundError('CnPickupSlot', command.slotId);
    const fee = consentedPickupFee(slot.fee, command.acceptedPickupFee, byCustomer);
    if (await claimSlotPlace(em, slot.id, area, now)) return { slot, fee, now };
    const reason = await whySlotUnavailable(em, slot.id, area, now);
    if (reason === 'OTHER_AREA' || reason === 'NOT_FOUND') throw new InputValidationError('slotId', "This slot is not offered at the order's address");
    return { unavailable: true, slotId: slot.id, reason };
  }
}

/** Frees the place a scheduled pickup held (cancel or withdraw); nothing to do when none is scheduled. */
export async function cancelScheduledPickup(em: EntityManager, returnId: string): Promise<void> {
  const pickup = await em.findOne(CnReturnPickup, { returnId, state: 'SCHEDULED' });
  if (!pickup) return;
  await releaseSlotPlace(em, pickup.slot.id);
  pickup.state = 'CANCELLED';
}

/** Couriers collect at the order's delivery address, so its district decides which slots apply. */
export async function pickupAreaOf(em: EntityManager, orderId: string): Promise<PickupArea> {
  const contact = await em.findOneOrFail(CnOrderContact, { orderId });
  return { province: contact.province, city: contact.city, district: contact.district };
}

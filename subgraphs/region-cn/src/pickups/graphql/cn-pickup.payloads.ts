import { Field, ObjectType } from 'type-graphql';
import { connectionType } from '@hub/shared/graphql/connection';
import { MutationPayload, type UserError } from '@hub/shared/graphql/user-error';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import { CnPickupSlotUnavailable, CnPickupSlotView } from './cn-pickup.types.js';

export const CnPickupSlotConnection = connectionType(CnPickupSlotView, 'CnPickupSlot', 'A page of pickup slots, earliest first.');

@ObjectType('CnPickupSlotsOpenPayload', { description: 'What offering pickup slots answers.' })
export class CnPickupSlotsOpenPayload extends MutationPayload {
  @Field(() => [CnPickupSlotView], { nullable: true, description: 'The slots opened; null when refused.' })
  slots?: CnPickupSlotView[];
}

/** Declares the payload of booking or moving a pickup: the return, or the slot that could not take it. */
function bookingPayload(name: string, description: string) {
  @ObjectType(name, { description })
  class CnBookingPayload extends MutationPayload {
    @Field(() => CnReturnView, { nullable: true, description: 'The return with its pickup booked; null when refused.' })
    return?: CnReturnView;

    @Field(() => CnPickupSlotUnavailable, {
      nullable: true,
      description: 'When the slot could not take the booking (`PICKUP_SLOT_UNAVAILABLE`): which and why.',
    })
    unavailableSlot?: CnPickupSlotUnavailable;
  }
  return CnBookingPayload;
}

export const CnReturnPickupSchedulePayload = bookingPayload('CnReturnPickupSchedulePayload', 'What booking a door pickup answers.');
export const CnReturnPickupReschedulePayload = bookingPayload('CnReturnPickupReschedulePayload', 'What moving a door pickup to another slot answers.');

export function unavailableSlotUserError(unavailable: CnPickupSlotUnavailable): UserError {
  return {
    code: 'PICKUP_SLOT_UNAVAILABLE',
    field: ['input', 'slotId'],
    message: unavailable.reason === 'FULL' ? 'The slot has no place left; pick another' : 'The slot has already started; pick another',
  };
}

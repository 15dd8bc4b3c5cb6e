import { Arg, Authorized, createUnionType, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '@hub/shared/graphql/context';
import { CnReturnStepInput } from '../../returns/graphql/cn-return.inputs.js';
import { toReturnView } from '../../returns/graphql/cn-return.mapper.js';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import type { CnReturn } from '../../returns/persistence/cn-return.entity.js';
import type { ReturnServices } from '../../returns/return-services.js';
import type { CnPickupSlot } from '../persistence/cn-pickup-slot.entity.js';
import type { PickupUnavailable } from '../pickup-booking.service.js';
import { BookCnReturnPickupInput, OpenCnPickupSlotsInput } from './cn-pickup.inputs.js';
import { CnPickupSlotUnavailable, CnPickupSlotView } from './cn-pickup.types.js';

export const CnPickupBookingResult = createUnionType({
  name: 'CnPickupBookingResult',
  description: 'The return with its pickup booked, or why the slot could not take it.',
  types: () => [CnReturnView, CnPickupSlotUnavailable] as const,
  resolveType: (value) => (value instanceof CnPickupSlotUnavailable ? CnPickupSlotUnavailable : CnReturnView),
});

const toSlotView = (slot: CnPickupSlot): CnPickupSlotView => ({
  id: slot.id, province: slot.province, city: slot.city, district: slot.district, startsAt: slot.startsAt, endsAt: slot.endsAt,
  capacity: slot.capacity, remaining: slot.capacity - slot.booked, fee: slot.fee,
});

const toBookingResult = (result: CnReturn | PickupUnavailable): typeof CnPickupBookingResult =>
  'unavailable' in result ? Object.assign(new CnPickupSlotUnavailable(), { slotId: result.slotId, reason: result.reason }) : toReturnView(result);

/** Door pickup (上门取件): slots per district, booking within capacity, rescheduling, cancelling, and the courier's scan. */
export function createCnPickupResolvers(services: ReturnServices) {
  @Resolver()
  class CnPickupResolver {
    @Authorized('customer', 'customer_service', 'operator', 'admin', 'auditor')
    @Query(() => [CnPickupSlotView], { description: 'Pickup slots with a place left at the address of the return\'s order.' })
    async cnPickupSlots(@Arg('returnId', () => ID) returnId: string, @Ctx() { principal }: RequestContext): Promise<CnPickupSlotView[]> {
      return (await services.slots.availableFor(principal, returnId)).map(toSlotView);
    }

    @Authorized('operator', 'admin')
    @Mutation(() => [CnPickupSlotView], { description: 'Offers pickup slots in one district.' })
    async openCnPickupSlots(@Arg('input', () => OpenCnPickupSlotsInput) input: OpenCnPickupSlotsInput, @Ctx() { principal }: RequestContext): Promise<CnPickupSlotView[]> {
      return (await services.slots.open(principal, input)).map(toSlotView);
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnPickupBookingResult, { description: 'Books the door pickup of a requested return.' })
    async scheduleCnReturnPickup(@Arg('input', () => BookCnReturnPickupInput) input: BookCnReturnPickupInput, @Ctx() { principal }: RequestContext): Promise<typeof CnPickupBookingResult> {
      return toBookingResult(await services.pickups.schedule(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnPickupBookingResult, { description: 'Moves a booked pickup to another slot; the old place is freed.' })
    async rescheduleCnReturnPickup(@Arg('input', () => BookCnReturnPickupInput) input: BookCnReturnPickupInput, @Ctx() { principal }: RequestContext): Promise<typeof CnPickupBookingResult> {
      return toBookingResult(await services.pickups.reschedule(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'Cancels a booked pickup; the return stays requested.' })
    async cancelCnReturnPickup(@Arg('input', () => CnReturnStepInput) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.pickups.cancel(principal, input));
    }

    @Authorized('carrier', 'operator', 'admin')
    @Mutation(() => CnReturnView, { description: 'The courier\'s scan when collecting the parcel at the door.' })
    async scanCnReturnPickup(@Arg('input', () => CnReturnStepInput) input: CnReturnStepInput, @Ctx() { principal }: RequestContext): Promise<CnReturnView> {
      return toReturnView(await services.receipts.scanPickup(principal, input));
    }
  }

  return [CnPickupResolver] as const;
}

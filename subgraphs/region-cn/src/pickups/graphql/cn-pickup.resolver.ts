import { Arg, Authorized, createUnionType, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Args } from 'type-graphql';
import { ConnectionArgs, connectionFromSorted } from '@hub/shared/graphql/connection';
import type { RequestContext } from '@hub/shared/graphql/context';
import { replacedByPayloadMutation as DEPRECATED, withUserErrors } from '@hub/shared/graphql/user-error';
import { STEP } from '../../returns/graphql/cn-return.resolver.js';
import { CnReturnPickupCancelPayload, CnReturnPickupScanPayload } from '../../returns/graphql/cn-return.payloads.js';
import {
  CnPickupSlotConnection,
  CnPickupSlotsOpenPayload,
  CnReturnPickupReschedulePayload,
  CnReturnPickupSchedulePayload,
  unavailableSlotUserError,
} from './cn-pickup.payloads.js';
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
  id: slot.id,
  province: slot.province,
  city: slot.city,
  district: slot.district,
  startsAt: slot.startsAt,
  endsAt: slot.endsAt,
  capacity: slot.capacity,
  remaining: slot.capacity - slot.booked,
  fee: slot.fee,
});

const toBookingResult = (result: CnReturn | PickupUnavailable): typeof CnPickupBookingResult =>
  'unavailable' in result ? Object.assign(new CnPickupSlotUnavailable(), { slotId: result.slotId, reason: result.reason }) : toReturnView(result);

const toBookingPayload = (result: typeof CnPickupBookingResult) =>
  result instanceof CnPickupSlotUnavailable ? { unavailableSlot: result, userErrors: [unavailableSlotUserError(result)] } : { return: result, userErrors: [] };

const RETURN_ID = { description: "The return whose order's address the slots must serve." } as const;
const SLOTS = { description: 'The district and the slots to offer there.' } as const;
const BOOKING = { description: 'The return, the slot, and for a charged slot the fee the customer accepts.' } as const;

/** Door pickup (上门取件): slots per district, booking within capacity, rescheduling, cancelling, and the courier's scan. */
export function createCnPickupResolvers(services: ReturnServices) {
  @Resolver()
  class CnPickupResolver {
    @Authorized('customer', 'customer_service', 'operator', 'admin', 'auditor')
    @Query(() => [CnPickupSlotView], {
      description: "Pickup slots with a place left at the address of the return's order.",
      deprecationReason: 'Use `cnPickupSlotsConnection`, which pages with a cursor.',
    })
    async cnPickupSlots(@Arg('returnId', () => ID, RETURN_ID) returnId: string, @Ctx() { principal }: RequestContext): Promise<CnPickupSlotView[]> {
      return (await services.slots.availableFor(principal, returnId)).map(toSlotView);
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin', 'auditor')
    @Query(() => CnPickupSlotConnection, { description: "Pickup slots with a place left at the address of the return's order, earliest first." })
    async cnPickupSlotsConnection(
      @Arg('returnId', () => ID, RETURN_ID) returnId: string,
      @Args(() => ConnectionArgs) page: ConnectionArgs,
      @Ctx() { principal }: RequestContext,
    ) {
      const slots = await services.slots.availableFor(principal, returnId);
      return connectionFromSorted(slots, page, (slot) => [slot.startsAt.toISOString(), slot.id], toSlotView);
    }

    @Authorized('operator', 'admin')
    @Mutation(() => [CnPickupSlotView], { description: 'Offers pickup slots in one district.', deprecationReason: DEPRECATED('cnPickupSlotsOpen') })
    async openCnPickupSlots(
      @Arg('input', () => OpenCnPickupSlotsInput, SLOTS) input: OpenCnPickupSlotsInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CnPickupSlotView[]> {
      return (await services.slots.open(principal, input)).map(toSlotView);
    }

    @Authorized('operator', 'admin')
    @Mutation(() => CnPickupSlotsOpenPayload, { description: 'Offers pickup slots in one district; refusals come in `userErrors`.' })
    async cnPickupSlotsOpen(@Arg('input', () => OpenCnPickupSlotsInput, SLOTS) input: OpenCnPickupSlotsInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ slots: await this.openCnPickupSlots(input, context) }));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnPickupBookingResult, {
      description: 'Books the door pickup of a requested return.',
      deprecationReason: DEPRECATED('cnReturnPickupSchedule'),
    })
    async scheduleCnReturnPickup(
      @Arg('input', () => BookCnReturnPickupInput, BOOKING) input: BookCnReturnPickupInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<typeof CnPickupBookingResult> {
      return toBookingResult(await services.pickups.schedule(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnPickupSchedulePayload, {
      description:
        'Books the door pickup of a requested return. A full or started slot is `PICKUP_SLOT_UNAVAILABLE` in `userErrors`, with the slot in `unavailableSlot`.',
    })
    async cnReturnPickupSchedule(@Arg('input', () => BookCnReturnPickupInput, BOOKING) input: BookCnReturnPickupInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => toBookingPayload(await this.scheduleCnReturnPickup(input, context)));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnPickupBookingResult, {
      description: 'Moves a booked pickup to another slot; the old place is freed.',
      deprecationReason: DEPRECATED('cnReturnPickupReschedule'),
    })
    async rescheduleCnReturnPickup(
      @Arg('input', () => BookCnReturnPickupInput, BOOKING) input: BookCnReturnPickupInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<typeof CnPickupBookingResult> {
      return toBookingResult(await services.pickups.reschedule(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnPickupReschedulePayload, {
      description: 'Moves a booked pickup to another slot; the old place is freed. A full or started slot is `PICKUP_SLOT_UNAVAILABLE` in `userErrors`.',
    })
    async cnReturnPickupReschedule(@Arg('input', () => BookCnReturnPickupInput, BOOKING) input: BookCnReturnPickupInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => toBookingPayload(await this.rescheduleCnReturnPickup(input, context)));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnView, {
      description: 'Cancels a booked pickup; the return stays requested.',
      deprecationReason: DEPRECATED('cnReturnPickupCancel'),
    })
    async cancelCnReturnPickup(
      @Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CnReturnView> {
      return toReturnView(await services.pickups.cancel(principal, input));
    }

    @Authorized('customer', 'customer_service', 'operator', 'admin')
    @Mutation(() => CnReturnPickupCancelPayload, { description: 'Cancels a booked pickup; the return stays requested. Refusals come in `userErrors`.' })
    async cnReturnPickupCancel(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ return: await this.cancelCnReturnPickup(input, context) }));
    }

    @Authorized('carrier', 'operator', 'admin')
    @Mutation(() => CnReturnView, {
      description: "The courier's scan when collecting the parcel at the door.",
      deprecationReason: DEPRECATED('cnReturnPickupScan'),
    })
    async scanCnReturnPickup(
      @Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput,
      @Ctx() { principal }: RequestContext,
    ): Promise<CnReturnView> {
      return toReturnView(await services.receipts.scanPickup(principal, input));
    }

    @Authorized('carrier', 'operator', 'admin')
    @Mutation(() => CnReturnPickupScanPayload, { description: "The courier's scan when collecting the parcel at the door; refusals come in `userErrors`." })
    async cnReturnPickupScan(@Arg('input', () => CnReturnStepInput, STEP) input: CnReturnStepInput, @Ctx() context: RequestContext) {
      return withUserErrors(async () => ({ return: await this.scanCnReturnPickup(input, context) }));
    }
  }

  return [CnPickupResolver] as const;
}

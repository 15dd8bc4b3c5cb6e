import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { PICKUP_STATES } from '../persistence/cn-return-pickup.entity.js';

export const CnPickupStateEnum = Object.fromEntries(PICKUP_STATES.map((s) => [s, s])) as { [S in (typeof PICKUP_STATES)[number]]: S };
registerEnumType(CnPickupStateEnum, {
  name: 'CnPickupState',
  description: 'Where a door pickup is.',
  valuesConfig: {
    SCHEDULED: { description: 'Booked; the courier has not come yet.' },
    CANCELLED: { description: 'Cancelled; its place in the slot was freed.' },
    PICKED_UP: { description: 'The courier collected the parcel.' },
  },
});

export const CnPickupSlotUnavailableReasonEnum = { FULL: 'FULL', STARTED: 'STARTED' } as const;
registerEnumType(CnPickupSlotUnavailableReasonEnum, {
  name: 'CnPickupSlotUnavailableReason',
  description: 'Why a pickup slot cannot take a booking.',
  valuesConfig: { FULL: { description: 'No place left.' }, STARTED: { description: 'The slot has already begun.' } },
});

@ObjectType('CnPickupSlot', { description: 'A door-pickup time slot in one district.' })
export class CnPickupSlotView {
  @Field(() => ID, { description: 'Unique id of the slot.' }) id!: string;
  @Field(() => String, { description: 'Province (省) served.' }) province!: string;
  @Field(() => String, { description: 'City (市) served.' }) city!: string;
  @Field(() => String, { description: 'District (区/县) served.' }) district!: string;
  @Field(() => GraphQLISODateTime, { description: 'When the courier window opens.' }) startsAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When the courier window closes.' }) endsAt!: Date;
  @Field(() => Int, { description: 'Pickups the slot can take.' }) capacity!: number;
  @Field(() => Int, { description: 'Places still free.' }) remaining!: number;
  @Field(() => MinorUnits, {
    description: "What the pickup costs the customer, in fen; 0 when the shop collects for free. Charged only with the customer's consent.",
  })
  fee!: number;
}

@ObjectType('CnReturnPickup', { description: 'The door pickup of a return.' })
export class CnReturnPickupView {
  @Field(() => ID, { description: "The return's id: a return has at most one pickup." }) id!: string;
  @Field(() => CnPickupSlotView, { description: 'The booked slot.' }) slot!: CnPickupSlotView;
  @Field(() => CnPickupStateEnum, { description: 'Where the pickup is.' }) state!: string;
  @Field(() => MinorUnits, { description: 'The fee the customer agreed to, in fen; 0 when free.' }) fee!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the customer agreed to a charged pickup; null for free ones.' })
  feeConsentedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the courier collected the parcel; null before.' }) pickedUpAt!: Date | null;
}

@ObjectType({ description: 'The slot could not take the booking; pick another. Nothing was changed.' })
export class CnPickupSlotUnavailable {
  @Field(() => ID, { description: 'The slot asked for.' }) slotId!: string;
  @Field(() => CnPickupSlotUnavailableReasonEnum, { description: 'Why it cannot take the booking.' }) reason!: 'FULL' | 'STARTED';
}

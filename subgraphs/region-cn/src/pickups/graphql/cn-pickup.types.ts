import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { PICKUP_STATES } from '../persistence/cn-return-pickup.entity.js';

export const CnPickupStateEnum = Object.fromEntries(PICKUP_STATES.map((s) => [s, s])) as { [S in (typeof PICKUP_STATES)[number]]: S };
registerEnumType(CnPickupStateEnum, { name: 'CnPickupState' });

export const CnPickupSlotUnavailableReasonEnum = { FULL: 'FULL', STARTED: 'STARTED' } as const;
registerEnumType(CnPickupSlotUnavailableReasonEnum, { name: 'CnPickupSlotUnavailableReason', description: 'FULL: no place left; STARTED: the slot has begun.' });

@ObjectType('CnPickupSlot', { description: 'A door-pickup time slot in one district.' })
export class CnPickupSlotView {
  @Field(() => ID) id!: string;
  @Field(() => String) province!: string;
  @Field(() => String) city!: string;
  @Field(() => String) district!: string;
  @Field(() => GraphQLISODateTime) startsAt!: Date;
  @Field(() => GraphQLISODateTime) endsAt!: Date;
  @Field(() => Int) capacity!: number;
  @Field(() => Int) remaining!: number;
  @Field(() => MinorUnits, { description: 'What the pickup costs the customer, in fen; 0 when the shop collects for free. Charged only with the customer\'s consent.' })
  fee!: number;
}

@ObjectType('CnReturnPickup', { description: 'The door pickup of a return.' })
export class CnReturnPickupView {
  @Field(() => CnPickupSlotView) slot!: CnPickupSlotView;
  @Field(() => CnPickupStateEnum) state!: string;
  @Field(() => MinorUnits) fee!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the customer agreed to a charged pickup; null for free ones.' }) feeConsentedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) pickedUpAt!: Date | null;
}

@ObjectType({ description: 'The slot could not take the booking; pick another. Nothing was changed.' })
export class CnPickupSlotUnavailable {
  @Field(() => ID) slotId!: string;
  @Field(() => CnPickupSlotUnavailableReasonEnum) reason!: 'FULL' | 'STARTED';
}

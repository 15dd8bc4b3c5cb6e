import { ArrayMaxSize, ArrayMinSize, IsDate, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CnReturnStepInput } from '../../returns/graphql/cn-return.inputs.js';

@InputType()
export class BookCnReturnPickupInput extends CnReturnStepInput {
  @Field(() => ID) @IsUUID() slotId!: string;
  @Field(() => MinorUnits, { nullable: true, description: 'For a charged slot: the fee the customer agrees to, exactly as shown. Only the customer can give it.' })
  @IsOptional() @IsInt() @Min(0) acceptedPickupFee?: number | null;
}

@InputType()
export class CnPickupSlotInput {
  @Field(() => GraphQLISODateTime) @IsDate() startsAt!: Date;
  @Field(() => GraphQLISODateTime) @IsDate() endsAt!: Date;
  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) capacity!: number;
  @Field(() => MinorUnits, { defaultValue: 0, description: 'In fen; 0 for free pickup.' }) @IsInt() @Min(0) fee!: number;
}

@InputType({ description: 'Pickup slots to offer in one district.' })
export class OpenCnPickupSlotsInput {
  @Field(() => String) @IsString() @Length(1, 50) province!: string;
  @Field(() => String) @IsString() @Length(1, 50) city!: string;
  @Field(() => String) @IsString() @Length(1, 50) district!: string;
  @Field(() => [CnPickupSlotInput]) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested() slots!: CnPickupSlotInput[];
}

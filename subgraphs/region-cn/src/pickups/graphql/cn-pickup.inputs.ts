import { ArrayMaxSize, ArrayMinSize, IsDate, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CnReturnStepInput } from '../../returns/graphql/cn-return.inputs.js';

@InputType({ description: 'Books (or moves) the door pickup of a return into a slot.' })
export class BookCnReturnPickupInput extends CnReturnStepInput {
  @Field(() => ID, { description: 'The slot to book.' }) @IsUUID() slotId!: string;
  @Field(() => MinorUnits, {
    nullable: true,
    description: 'For a charged slot: the fee the customer agrees to, exactly as shown. Only the customer can give it.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  acceptedPickupFee?: number | null;
}

@InputType({ description: 'One pickup slot to offer.' })
export class CnPickupSlotInput {
  @Field(() => GraphQLISODateTime, { description: 'When the courier window opens.' }) @IsDate() startsAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'When the courier window closes.' }) @IsDate() endsAt!: Date;
  @Field(() => Int, { description: 'Pickups the slot can take.' }) @IsInt() @Min(1) @Max(10_000) capacity!: number;
  @Field(() => MinorUnits, { defaultValue: 0, description: 'In fen; 0 for free pickup.' }) @IsInt() @Min(0) fee!: number;
}

@InputType({ description: 'Pickup slots to offer in one district.' })
export class OpenCnPickupSlotsInput {
  @Field(() => String, { description: 'Province (省).' }) @IsString() @Length(1, 50) province!: string;
  @Field(() => String, { description: 'City (市).' }) @IsString() @Length(1, 50) city!: string;
  @Field(() => String, { description: 'District (区/县).' }) @IsString() @Length(1, 50) district!: string;
  @Field(() => [CnPickupSlotInput], { description: 'The slots to offer.' }) @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested() slots!: CnPickupSlotInput[];
}

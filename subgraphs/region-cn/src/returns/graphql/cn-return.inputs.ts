import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { INCOMPLETE_REASONS, type IncompleteReason } from '../../rules/inspection.rules.js';
import { CnIncompleteReasonEnum } from './cn-return.enums.js';

@InputType({ description: 'Units of one line to return.' })
export class CnReturnLineInput {
  @Field(() => Int, { description: 'The order line (1-based).' }) @IsInt() @Min(1) @Max(500) lineNo!: number;
  @Field(() => Int, { description: 'Units of that line to return.' }) @IsInt() @Min(1) @Max(10_000) quantity!: number;
}

@InputType({ description: 'Another refund destination than the original payment channel; only the customer can choose it, with explicit consent.' })
export class CnRefundDestinationInput {
  @Field(() => String, { description: 'Where to refund instead, e.g. an account the customer names.' }) @IsString() @Length(1, 200) otherDestination!: string;
  @Field(() => Boolean, { description: "The customer's explicit consent to that destination." }) @IsBoolean() customerConsent!: boolean;
}

@InputType({ description: 'A request to return some lines and units of a CN order.' })
export class RequestCnReturnInput {
  @Field(() => ID, { description: 'The order the goods came from.' }) @IsUUID() orderId!: string;
  @Field(() => String, { description: 'Client-generated; repeating it answers with the same return.' })
  @Matches(/^[A-Za-z0-9._:-]{8,200}$/)
  idempotencyKey!: string;
  @Field(() => [CnReturnLineInput], { description: 'The lines and units to return.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested()
  lines!: CnReturnLineInput[];
  @Field(() => CnRefundDestinationInput, { description: 'Another refund destination; omitted: the original payment channel.', nullable: true })
  @IsOptional()
  @ValidateNested()
  refundTo?: CnRefundDestinationInput | null;
}

@InputType({ description: 'Names the return a step applies to.' })
export class CnReturnStepInput {
  @Field(() => ID, { description: 'The return.' }) @IsUUID() returnId!: string;
  @Field(() => Int, { nullable: true, description: 'The version last seen; a newer one answers CONFLICT.' }) @IsOptional() @IsInt() expectedVersion?:
    number | null;
}

@InputType({ description: 'What the warehouse found on one returned line.' })
export class CnInspectedLineInput {
  @Field(() => Int, { description: 'The order line (1-based).' }) @IsInt() @Min(1) lineNo!: number;
  @Field(() => Boolean, { description: 'Complete as delivered: original quality and function, the goods, accessories and brand marks all there.' })
  @IsBoolean()
  complete!: boolean;
  @Field(() => CnIncompleteReasonEnum, { nullable: true, description: 'Required when not complete.' })
  @IsOptional()
  @IsIn(INCOMPLETE_REASONS)
  reason?: IncompleteReason | null;
  @Field(() => Boolean, { nullable: true, description: 'The customer opened the packaging to inspect; recorded, never a reason to refuse.' })
  @IsOptional()
  @IsBoolean()
  packagingOpened?: boolean | null;
  @Field(() => String, { description: "The inspector's note.", nullable: true }) @IsOptional() @IsString() @Length(1, 500) note?: string | null;
}

@InputType({ description: 'What the warehouse found when the returned goods arrived.' })
export class InspectCnReturnInput extends CnReturnStepInput {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the goods arrived, if before now; the refund deadline runs from it.' })
  @IsOptional()
  @IsDate()
  receivedAt?: Date | null;
  @Field(() => [CnInspectedLineInput], { description: 'What inspection found, line by line.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested()
  lines!: CnInspectedLineInput[];
  @Field(() => [Int], { nullable: true, description: 'Gift numbers that came back with the goods.' }) @IsOptional() @IsInt({ each: true }) giftsReturned?:
    number[] | null;
}

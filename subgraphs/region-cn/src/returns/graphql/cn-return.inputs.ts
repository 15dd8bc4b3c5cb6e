import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { INCOMPLETE_REASONS, type IncompleteReason } from '../../rules/inspection.rules.js';
import { CnIncompleteReasonEnum } from './cn-return.enums.js';

@InputType({ description: 'Units of one line to return.' })
export class CnReturnLineInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(500) lineNo!: number;
  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) quantity!: number;
}

@InputType({ description: 'Another refund destination than the original payment channel; only the customer can choose it, with explicit consent.' })
export class CnRefundDestinationInput {
  @Field(() => String) @IsString() @Length(1, 200) otherDestination!: string;
  @Field(() => Boolean) @IsBoolean() customerConsent!: boolean;
}

@InputType()
export class RequestCnReturnInput {
  @Field(() => ID) @IsUUID() orderId!: string;
  @Field(() => String, { description: 'Client-generated; repeating it answers with the same return.' }) @Matches(/^[A-Za-z0-9._:-]{8,200}$/) idempotencyKey!: string;
  @Field(() => [CnReturnLineInput]) @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested() lines!: CnReturnLineInput[];
  @Field(() => CnRefundDestinationInput, { nullable: true }) @IsOptional() @ValidateNested() refundTo?: CnRefundDestinationInput | null;
}

@InputType()
export class CnReturnStepInput {
  @Field(() => ID) @IsUUID() returnId!: string;
  @Field(() => Int, { nullable: true, description: 'The version last seen; a newer one answers CONFLICT.' }) @IsOptional() @IsInt() expectedVersion?: number | null;
}

@InputType({ description: 'What the warehouse found on one returned line.' })
export class CnInspectedLineInput {
  @Field(() => Int) @IsInt() @Min(1) lineNo!: number;
  @Field(() => Boolean, { description: 'Complete as delivered: original quality and function, the goods, accessories and brand marks all there.' })
  @IsBoolean() complete!: boolean;
  @Field(() => CnIncompleteReasonEnum, { nullable: true, description: 'Required when not complete.' }) @IsOptional() @IsIn(INCOMPLETE_REASONS) reason?: IncompleteReason | null;
  @Field(() => Boolean, { nullable: true, description: 'The customer opened the packaging to inspect; recorded, never a reason to refuse.' })
  @IsOptional() @IsBoolean() packagingOpened?: boolean | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 500) note?: string | null;
}

@InputType()
export class InspectCnReturnInput extends CnReturnStepInput {
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the goods arrived, if before now; the refund deadline runs from it.' })
  @IsOptional() @IsDate() receivedAt?: Date | null;
  @Field(() => [CnInspectedLineInput]) @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested() lines!: CnInspectedLineInput[];
  @Field(() => [Int], { nullable: true, description: 'Gift numbers that came back with the goods.' }) @IsOptional() @IsInt({ each: true }) giftsReturned?: number[] | null;
}

import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { ORDER_STATUSES, type OrderStatus } from '@hub/shared/messaging/contracts';
import { OrderStatusEnum } from './order.types.js';

@InputType()
export class ChangeOrderStatusInput {
  @Field(() => ID) @IsUUID() orderId!: string;
  @Field(() => OrderStatusEnum) @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @Field(() => Int, { description: 'The version the caller last read; a stale one is rejected with CONFLICT.' })
  @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 500) note?: string;
  @Field(() => String, { nullable: true, description: 'Client-chosen id that makes a retry of this request harmless.' })
  @IsOptional() @Matches(/^[A-Za-z0-9._:-]{8,200}$/) requestId?: string;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it happened, if earlier than now (a scan uploaded later): not in the future beyond 5 minutes, not before the previous step, at most 30 days ago.',
  })
  @IsOptional() @IsDate() occurredAt?: Date;
}

@InputType()
export class OrdersFilterInput {
  @Field(() => String, { nullable: true }) @IsOptional() @Matches(/^[a-z]{2,16}$/) region?: string;
  @Field(() => OrderStatusEnum, { nullable: true }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) customerRef?: string;
}

@ArgsType()
export class OrdersArgs {
  @Field(() => OrdersFilterInput, { nullable: true }) @IsOptional() @ValidateNested() filter?: OrdersFilterInput;
  @Field(() => Int, { defaultValue: 20 }) @IsInt() @Min(1) @Max(100) first!: number;
  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' }) @IsOptional() @IsString() after?: string;
}

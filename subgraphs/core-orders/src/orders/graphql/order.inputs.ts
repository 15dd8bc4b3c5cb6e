import { IsDate, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from 'type-graphql';
import { ConnectionArgs } from '@hub/shared/graphql/connection';
import { ORDER_STATUSES, type OrderStatus } from '@hub/shared/messaging/contracts';
import { OrderStatusEnum } from './order.types.js';

@InputType({ description: 'Moves one order to another status.' })
export class ChangeOrderStatusInput {
  @Field(() => ID, { description: 'The order to move.' }) @IsUUID() orderId!: string;
  @Field(() => OrderStatusEnum, { description: 'The status to move it to.' }) @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @Field(() => Int, { description: 'The version the caller last read; a stale one is refused with CONFLICT.' })
  @IsInt()
  @Min(1)
  expectedVersion!: number;
  @Field(() => String, { nullable: true, description: 'A note kept with the timeline step (at most 500 characters).' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
  @Field(() => String, { nullable: true, description: 'Client-chosen id that makes a retry of this request harmless.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,200}$/)
  requestId?: string;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When it happened, if earlier than now (a scan uploaded later): not in the future beyond 5 minutes, not before the previous step, at most 30 days ago.',
  })
  @IsOptional()
  @IsDate()
  occurredAt?: Date;
}

@InputType({ description: 'Narrows the order list; every given criterion must match.' })
export class OrdersFilterInput {
  @Field(() => String, { nullable: true, description: "Only this region's orders." }) @IsOptional() @Matches(/^[a-z]{2,16}$/) region?: string;
  @Field(() => OrderStatusEnum, { nullable: true, description: 'Only orders in this status.' }) @IsOptional() @IsIn(ORDER_STATUSES) status?: OrderStatus;
  @Field(() => String, { nullable: true, description: "Only this customer's orders (ignored for customers, who see their own)." })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  customerRef?: string;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Only orders placed at or after this time.' })
  @IsOptional()
  @IsDate()
  placedFrom?: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only orders placed before this time (exclusive); later than `placedFrom`, at most 366 days after it.',
  })
  @IsOptional()
  @IsDate()
  placedTo?: Date;
}

@ArgsType()
export class OrdersArgs extends ConnectionArgs {
  @Field(() => OrdersFilterInput, { nullable: true, description: 'Only orders matching every given criterion.' })
  @IsOptional()
  @ValidateNested()
  filter?: OrdersFilterInput;
}

@InputType({ description: 'Names one order, by its id or by its number: exactly one of them.' })
export class OrderIdentifierInput {
  @Field(() => ID, { nullable: true, description: 'The order id.' }) @IsOptional() @IsString() @Length(1, 64) id?: string;
  @Field(() => String, { nullable: true, description: 'The human order number, e.g. CN-261125-000042.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  number?: string;
}

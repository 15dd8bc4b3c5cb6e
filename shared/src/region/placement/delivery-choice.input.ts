import { IsDate, IsIn, IsOptional } from 'class-validator';
import { Field, GraphQLISODateTime, InputType } from 'type-graphql';
import { DeliveryOptionEnum } from '../../graphql/delivery-option.enum.js';
import { DELIVERY_OPTIONS, type DeliveryOption } from '../../green/delivery-options.rules.js';

@InputType('DeliveryChoiceInput', { description: 'The delivery option chosen at checkout (the quote shows each with its ETA and CO2e).' })
export class DeliveryChoiceInput {
  @Field(() => DeliveryOptionEnum, { description: 'STANDARD, EXPRESS or CONSOLIDATED (low-carbon).' }) @IsIn(DELIVERY_OPTIONS) option!: DeliveryOption;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'CONSOLIDATED: wait no longer than this for your other orders (default: the option’s window); must keep the promised date.',
  })
  @IsOptional()
  @IsDate()
  consolidateUntil?: Date | null;
}

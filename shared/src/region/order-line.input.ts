import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { ChannelEnum } from '../graphql/enums.js';
import { MinorUnits } from '../graphql/scalars.js';
import { CHANNELS, type Channel, type OrderLineInput } from '../messaging/contracts.js';
import { findPersonalDataInLine } from './order-line-privacy.rules.js';

/** Lines go to core and beyond: no phone numbers, e-mails, contacts or personal messages in them (see the rule). */
const NoPersonalData = (part: 'name' | 'attributes') => ValidateBy({
  name: 'noPersonalData',
  validator: {
    validate: (value: unknown) => findPersonalDataInLine(part === 'name'
      ? { name: typeof value === 'string' ? value : '' }
      : { name: '', attributes: value && typeof value === 'object' ? value as Record<string, unknown> : {} }) === null,
    defaultMessage: () => 'Order lines must not carry personal data; personal messages belong in the region\'s own order fields',
  },
});

@InputType('OrderLineInput', { description: 'One line as sold; amounts in the minor unit of the order currency.' })
export class OrderLineInputType {
  @Field(() => String) @Matches(/^[A-Za-z0-9._-]{1,64}$/) sku!: string;
  @Field(() => String) @IsString() @Length(1, 300) @NoPersonalData('name') name!: string;
  @Field(() => Int) @IsInt() @Min(1) @Max(10_000) quantity!: number;
  @Field(() => MinorUnits, { description: 'Net unit price.' }) @IsInt() @Min(0) unitPrice!: number;
  @Field(() => MinorUnits, { defaultValue: 0 }) @IsInt() @Min(0) unitTax!: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Product attributes as sold (category, size…).' })
  @IsOptional() @NoPersonalData('attributes') attributes?: Record<string, string | number | boolean>;
}

/** The part of every region's order input that is the same everywhere. */
@InputType('RegionalOrderInputBase')
export abstract class RegionalOrderInputBase {
  @Field(() => String, { description: 'Client-generated key; repeating it returns the same order, never a second one.' })
  @Matches(/^[A-Za-z0-9._:-]{8,200}$/) idempotencyKey!: string;

  @Field(() => ChannelEnum, { defaultValue: 'WEB' }) @IsIn(CHANNELS) channel!: Channel;

  @Field(() => String, { nullable: true, description: 'Operators placing an order for a customer name them here; customers omit it.' })
  @IsOptional() @IsString() @Length(1, 200) customerRef?: string;

  @Field(() => [OrderLineInputType]) @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested() lines!: OrderLineInputType[];

  @Field(() => MinorUnits, { defaultValue: 0 }) @IsInt() @Min(0) shippingTotal!: number;
  @Field(() => MinorUnits, { defaultValue: 0 }) @IsInt() @Min(0) discountTotal!: number;
}

export function toOrderLines(lines: OrderLineInputType[]): OrderLineInput[] {
  return lines.map(({ sku, name, quantity, unitPrice, unitTax, attributes }) => ({ sku, name, quantity, unitPrice, unitTax, attributes: attributes ?? {} }));
}

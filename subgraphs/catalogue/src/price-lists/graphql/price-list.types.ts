import { ArrayMaxSize, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ChannelEnum } from '@hub/shared/graphql/enums';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CHANNELS, type Channel } from '@hub/shared/messaging/contracts';
import { connectionType } from '@hub/shared/graphql/connection';
import { MutationPayload } from '@hub/shared/graphql/user-error';

@ObjectType({ description: 'Shipping charged on orders priced by a list, net, in minor units of its currency.' })
export class ShippingSchedule {
  @Field(() => MinorUnits, { description: 'Charged on every order with physical goods.' }) baseFee!: number;
  @Field(() => MinorUnits, { description: 'Per started kilogram beyond the first.' }) perKgFee!: number;
  @Field(() => MinorUnits, { description: 'Per item over 31.5 kg or 1.2 m on a side; charged even when shipping is free.' }) bulkySurcharge!: number;
  @Field(() => MinorUnits, { nullable: true, description: 'Goods value (net) from which base and weight fees are waived; null: never.' }) freeFrom!:
    number | null;
}

@ObjectType('Price', { description: "One SKU's net unit price in a price list." })
export class PriceView {
  @Field(() => ID, { description: 'The list id and SKU.' }) id!: string;
  @Field(() => String, { description: 'The SKU priced.' }) sku!: string;
  @Field(() => MinorUnits, { description: 'Net unit price in minor units.' }) unitPrice!: number;
  @Field(() => Boolean, { description: 'A deliberate zero price (gift, sample).' }) free!: boolean;
}

export const PriceConnection = connectionType(PriceView, 'Price', "A page of a list's prices, by SKU.");

@ObjectType('PriceList', { description: 'Net prices for one region × channel × currency, effective for a period. Lists of one scope never overlap.' })
export class PriceListView {
  @Field(() => ID, { description: 'Chosen at creation, e.g. de-web-eur-2026.' }) id!: string;
  @Field(() => String, { description: 'Region code.' }) region!: string;
  @Field(() => ChannelEnum, { description: 'Sales channel.' }) channel!: Channel;
  @Field(() => String, { description: 'ISO 4217 currency.' }) currency!: string;
  @Field(() => GraphQLISODateTime, { description: 'In force from (inclusive).' }) validFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'In force until (exclusive); null: open-ended.' }) validTo!: Date | null;
  @Field(() => ShippingSchedule, { description: 'Shipping charged with these prices.' }) shipping!: ShippingSchedule;
  @Field(() => Int, { description: 'Optimistic-locking version; orders record it.' }) version!: number;
  @Field(() => Int, { description: "Catalogue version of the list's last change." }) catalogueVersion!: number;
}

export const PriceListConnection = connectionType(PriceListView, 'PriceList', 'A page of price lists, by id.');

@ObjectType({ description: 'Result of priceListCreate.' })
export class PriceListCreatePayload extends MutationPayload {
  @Field(() => PriceListView, { nullable: true, description: 'The list as stored; null when refused.' }) priceList!: PriceListView | null;
}

@ObjectType({ description: 'Result of priceListUpdate.' })
export class PriceListUpdatePayload extends MutationPayload {
  @Field(() => PriceListView, { nullable: true, description: 'The list as stored; null when refused.' }) priceList!: PriceListView | null;
}

@ObjectType({ description: 'Result of priceListPricesSet.' })
export class PriceListPricesSetPayload extends MutationPayload {
  @Field(() => PriceListView, { nullable: true, description: 'The list as stored; null when refused.' }) priceList!: PriceListView | null;
}

@InputType({ description: 'Shipping charged with a list.' })
export class ShippingScheduleInput {
  @Field(() => Int, { description: 'Base fee, minor units.' }) @IsInt() baseFee!: number;
  @Field(() => Int, { description: 'Per started kg beyond the first.' }) @IsInt() perKgFee!: number;
  @Field(() => Int, { description: 'Per bulky item.' }) @IsInt() bulkySurcharge!: number;
  @Field(() => Int, { nullable: true, description: 'Free from this goods value; null: never.' }) @IsOptional() @IsInt() freeFrom?: number | null;
}

@InputType({ description: "One SKU's price. Amounts are validated by the catalogue (negative, fractional, unmarked zero are refused)." })
export class PriceInput {
  @Field(() => String, { description: 'The SKU.' }) @IsString() @Length(0, 64) sku!: string;
  @Field(() => Int, { description: 'Net unit price in minor units (negative and unmarked zero prices are refused in userErrors).' })
  @IsInt()
  unitPrice!: number;
  @Field(() => Boolean, { defaultValue: false, description: 'Set for a deliberate zero price.' }) @IsBoolean() free!: boolean;
}

@InputType({ description: 'A new price list.' })
export class CreatePriceListInput {
  @Field(() => String, { description: 'Id, 3-100 lower-case letters, digits, dashes.' }) @IsString() @Length(0, 100) id!: string;
  @Field(() => String, { description: 'Region code.' }) @IsString() @Length(0, 16) region!: string;
  @Field(() => ChannelEnum, { description: 'Sales channel.' }) @IsIn(CHANNELS) channel!: Channel;
  @Field(() => String, { description: 'ISO 4217 currency.' }) @IsString() @Length(0, 3) currency!: string;
  @Field(() => GraphQLISODateTime, { description: 'In force from.' }) @IsDate() validFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'In force until (exclusive).' }) @IsOptional() @IsDate() validTo?: Date | null;
  @Field(() => ShippingScheduleInput, { description: 'Shipping charged with the list.' }) @ValidateNested() shipping!: ShippingScheduleInput;
  @Field(() => [PriceInput], { defaultValue: [], description: 'Initial prices (bulk: use importCatalogue).' })
  @ArrayMaxSize(5000)
  @ValidateNested()
  prices!: PriceInput[];
}

@InputType({ description: "Changes a list's period or shipping." })
export class UpdatePriceListInput {
  @Field(() => ID, { description: 'The list.' }) @IsString() id!: string;
  @Field(() => Int, { description: 'The version the change was based on.' }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => GraphQLISODateTime, { description: 'In force from.' }) @IsDate() validFrom!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'In force until (exclusive).' }) @IsOptional() @IsDate() validTo?: Date | null;
  @Field(() => ShippingScheduleInput, { description: 'Shipping charged with the list.' }) @ValidateNested() shipping!: ShippingScheduleInput;
}

@InputType({ description: 'Adds, changes or removes prices of a list.' })
export class SetPricesInput {
  @Field(() => ID, { description: 'The list.' }) @IsString() priceListId!: string;
  @Field(() => Int, { description: 'The version the change was based on.' }) @IsInt() @Min(1) expectedVersion!: number;
  @Field(() => [PriceInput], { defaultValue: [], description: 'Prices to add or change.' }) @ArrayMaxSize(5000) @ValidateNested() prices!: PriceInput[];
  @Field(() => [String], { defaultValue: [], description: 'SKUs to remove from the list.' }) @ArrayMaxSize(5000) removeSkus!: string[];
}

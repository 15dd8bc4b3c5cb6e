import { IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SeaAddressInput } from '../orders/sea-order.input.js';
import { storedSeaAddress } from '../rules/sea-address.rules.js';
import { SEA_ADDRESS_DESCRIPTIONS as D } from './sea-address.descriptions.js';
import type { SeaSavedAddress } from './sea-saved-address.entity.js';

@ObjectType('SeaSavedAddress', { description: 'An address the customer saved for later checkouts; only the customer who saved it sees it.' })
export class SeaSavedAddressView {
  @Field(() => ID, { description: 'Stable id of the saved address, for client caches.' }) id!: string;
  @Field(() => Int, {
    description: 'What the app sends as `savedAddress` at checkout: 1, 2, 3 … per customer, never given again once forgotten.',
  })
  number!: number;
  @Field(() => String, { nullable: true, description: 'The name the customer gave it ("Home"); null when none.' }) label!: string | null;
  @Field(() => String, { description: D.recipientName }) recipientName!: string;
  @Field(() => String, { description: D.recipientPhone }) recipientPhone!: string;
  @Field(() => String, { description: D.line1 }) line1!: string;
  @Field(() => String, { nullable: true, description: D.line2 }) line2!: string | null;
  @Field(() => String, { nullable: true, description: D.subdistrict }) subdistrict!: string | null;
  @Field(() => String, { nullable: true, description: D.district }) district!: string | null;
  @Field(() => String, { description: D.city }) city!: string;
  @Field(() => String, { description: D.province }) province!: string;
  @Field(() => String, { description: D.postalCode }) postalCode!: string;
  @Field(() => String, { description: D.country }) country!: string;
  @Field(() => GraphQLISODateTime, { description: 'When it was saved.' }) savedAt!: Date;
}

@InputType({ description: 'An address to keep for later checkouts, checked as an order to it would be.' })
export class SeaAddressSaveInput {
  @Field(() => String, { nullable: true, description: 'A short name for it ("Home", "Office"), 1 to 30 characters.' })
  @IsOptional()
  @IsString()
  @Length(1, 30)
  label?: string | null;
  @Field(() => SeaAddressInput, { description: 'The address, as the quick order takes it; its phone is kept in E.164.' })
  @ValidateNested()
  address!: SeaAddressInput;
}

@InputType({ description: 'Which saved address to forget.' })
export class SeaAddressForgetInput {
  @Field(() => Int, { description: 'The number of the saved address.' }) @IsInt() @Min(1) number!: number;
}

export const toSavedAddressView = (saved: SeaSavedAddress): SeaSavedAddressView => ({
  id: saved.id,
  number: saved.number,
  label: saved.label ?? null,
  ...storedSeaAddress(saved),
  savedAt: saved.savedAt,
});

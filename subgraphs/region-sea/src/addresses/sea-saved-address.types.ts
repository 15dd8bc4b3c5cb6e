import { IsInt, IsOptional, IsString, Length, Min, ValidateNested } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from 'type-graphql';
import { SeaAddressInput } from '../orders/sea-order.input.js';
import { storedSeaAddress } from '../rules/sea-address.rules.js';
import type { SeaSavedAddress } from './sea-saved-address.entity.js';

@ObjectType('SeaSavedAddress', { description: 'An address the customer saved for later checkouts; only the customer who saved it sees it.' })
export class SeaSavedAddressView {
  @Field(() => ID, { description: 'Stable id of the saved address, for client caches.' }) id!: string;
  @Field(() => Int, {
    description: 'What the app sends as `savedAddress` at checkout: 1, 2, 3 … per customer, never given again once forgotten.',
  })
  number!: number;
  @Field(() => String, { nullable: true, description: 'The name the customer gave it ("Home"); null when none.' }) label!: string | null;
  @Field(() => String, { description: 'Who receives the parcel.' }) recipientName!: string;
  @Field(() => String, { description: 'E.164.' }) recipientPhone!: string;
  @Field(() => String, { description: 'Street, number, building; RT/RW in Indonesia, moo/soi in Thailand.' }) line1!: string;
  @Field(() => String, { nullable: true, description: 'More of the address; null when there is none.' }) line2!: string | null;
  @Field(() => String, { nullable: true, description: 'Kelurahan/desa (ID), tambon/khwaeng (TH), phường/xã (VN), barangay (PH); null when not given.' })
  subdistrict!: string | null;
  @Field(() => String, { nullable: true, description: 'Kecamatan (ID), amphoe/khet (TH), quận/huyện (VN), municipality (PH); null when not given.' })
  district!: string | null;
  @Field(() => String, { description: 'City.' }) city!: string;
  @Field(() => String, { description: 'Province or state.' }) province!: string;
  @Field(() => String, { description: 'Digits only: 4 in PH, 5 in ID, TH and MY, 6 in VN and SG.' }) postalCode!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code: ID, TH, MY, PH, VN or SG.' }) country!: string;
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

import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { RegionalOrderInputBase } from '@hub/shared/region/order-line.input';
import { SEA_COUNTRIES, SEA_CURRENCIES } from '../rules/country-currency.rules.js';

/** E.164 (+6281234567890) or the local digits customers are used to typing (081234567890). */
export const SEA_PHONE = /^(?:\+[1-9]\d{6,14}|\d{7,15})$/;

@InputType()
export class SeaCustomerInput {
  @Field(() => String) @IsString() @Length(1, 100) name!: string;
  @Field(() => String) @Matches(SEA_PHONE, { message: 'phone must be an E.164 or local number' }) phone!: string;
}

@InputType({ description: 'A delivery address in one of the six countries region-sea ships to.' })
export class SeaAddressInput {
  @Field(() => String) @IsString() @Length(1, 100) recipientName!: string;
  @Field(() => String) @Matches(SEA_PHONE, { message: 'recipientPhone must be an E.164 or local number' }) recipientPhone!: string;
  @Field(() => String) @IsString() @Length(1, 200) line1!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 200) line2?: string;
  @Field(() => String) @IsString() @Length(1, 100) city!: string;
  @Field(() => String) @IsString() @Length(1, 100) province!: string;
  @Field(() => String, { description: 'Digits only: 4 in PH, 5 in ID, TH and MY, 6 in VN and SG.' }) @IsString() @Length(4, 6) postalCode!: string;
  @Field(() => String, { description: 'ID, TH, MY, PH, VN or SG.' }) @IsIn(SEA_COUNTRIES) country!: string;
}

@InputType({ description: 'An order placed in the SEA shop; prices in the minor unit of `currency`.' })
export class PlaceSeaOrderInput extends RegionalOrderInputBase {
  @Field(() => String, { description: 'ISO 4217 code; must be the currency of the destination country.' }) @IsIn(SEA_CURRENCIES) currency!: string;
  @Field(() => SeaCustomerInput) @ValidateNested() customer!: SeaCustomerInput;
  @Field(() => SeaAddressInput) @ValidateNested() shippingAddress!: SeaAddressInput;
}

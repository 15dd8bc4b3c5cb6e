import { ArrayMaxSize, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { RegionalOrderInputBase } from '@hub/shared/region/order-line.input';
import { CnLineReturnPolicyInput, CnOrderGiftInput } from './cn-return-terms.input.js';

/** Mainland mobile numbers: 11 digits starting 13–19, optionally with the +86 country code. */
export const CN_MOBILE = /^(\+86)?1[3-9]\d{9}$/;

@InputType({ description: 'The customer placing a CN order.' })
export class CnCustomerInput {
  @Field(() => String, { description: "The customer's name." }) @IsString() @Length(1, 100) name!: string;
  @Field(() => String, { description: "The customer's mainland mobile number." })
  @Matches(CN_MOBILE, { message: 'phone must be a mainland mobile number' })
  phone!: string;
}

@InputType({ description: 'A mainland address as couriers use it: province, city, district, street.' })
export class CnAddressInput {
  @Field(() => String, { description: 'Who receives the parcel.' }) @IsString() @Length(1, 100) recipientName!: string;
  @Field(() => String, { description: "The recipient's mainland mobile number." })
  @Matches(CN_MOBILE, { message: 'recipientPhone must be a mainland mobile number' })
  recipientPhone!: string;
  @Field(() => String, { description: 'Province (省).' }) @IsString() @Length(1, 50) province!: string;
  @Field(() => String, { description: 'City (市).' }) @IsString() @Length(1, 50) city!: string;
  @Field(() => String, { description: 'District (区/县).' }) @IsString() @Length(1, 50) district!: string;
  @Field(() => String, { description: 'Street, building and door.' }) @IsString() @Length(1, 300) street!: string;
  @Field(() => String, { description: 'Six-digit postal code, if known.', nullable: true }) @IsOptional() @Matches(/^\d{6}$/) postalCode?: string;
}

@InputType({ description: 'An order placed in the CN shop; prices in fen (CNY minor units).' })
export class PlaceCnOrderInput extends RegionalOrderInputBase {
  @Field(() => [CnLineReturnPolicyInput], {
    nullable: true,
    description:
      "Lines the shop declares not returnable without reason; only the categories the law allows, confirmable ones with the customer's confirmation.",
  })
  @IsOptional()
  @ArrayMaxSize(500)
  @ValidateNested()
  returnPolicies?: CnLineReturnPolicyInput[] | null;
  @Field(() => [CnOrderGiftInput], { description: 'Gifts bound to the order, with their declared values.', nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested()
  gifts?: CnOrderGiftInput[] | null;
  @Field(() => CnCustomerInput, { description: 'Who places the order.' }) @ValidateNested() customer!: CnCustomerInput;
  @Field(() => CnAddressInput, { description: 'Where the order goes.' }) @ValidateNested() shippingAddress!: CnAddressInput;
}

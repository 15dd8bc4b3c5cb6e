import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { RegionalOrderInputBase } from '@hub/shared/region/order-line.input';
import { EU_MEMBER_STATES } from '../rules/postal-code.rules.js';

/** E.164: a plus, a country code and at most 15 digits in all, so numbers are stored in one form. */
export const E164_PHONE = /^\+[1-9]\d{6,14}$/;

@InputType({ description: 'The buyer. Only name and e-mail are required; everything else is collected only when needed.' })
export class DeCustomerInput {
  @Field(() => String, { description: "The invoice recipient's name." }) @IsString() @Length(1, 100) name!: string;
  @Field(() => String, { description: 'For the order confirmation and delivery notices.' }) @IsEmail() @Length(3, 254) email!: string;
  @Field(() => String, { nullable: true, description: 'Only if the customer wants to be called about the delivery; E.164 (+4915112345678).' })
  @IsOptional()
  @Matches(E164_PHONE, { message: 'phone must be an E.164 number' })
  phone?: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; only, and then required, when a line has `attributes.minimumAge`.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be YYYY-MM-DD' })
  dateOfBirth?: string;
  @Field(() => String, { nullable: true, description: "A business buyer's VAT ID (reverse charge for supplies to other member states)." })
  @IsOptional()
  @IsString()
  @Length(4, 20)
  vatId?: string;
}

@InputType({ description: 'A postal address within the EU.' })
export class DeAddressInput {
  @Field(() => String, { description: 'Who receives the parcel or invoice.' }) @IsString() @Length(1, 100) recipientName!: string;
  @Field(() => String, { description: 'Street name.' }) @IsString() @Length(1, 200) street!: string;
  @Field(() => String, { description: 'House number, with any suffix.' }) @IsString() @Length(1, 20) houseNumber!: string;
  @Field(() => String, { description: 'As printed in the destination country (five digits in Germany).' }) @IsString() @Length(1, 10) postalCode!: string;
  @Field(() => String, { description: 'City or town.' }) @IsString() @Length(1, 100) city!: string;
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 code of an EU member state.' }) @IsIn(EU_MEMBER_STATES) country!: string;
}

@InputType({ description: 'An order placed in the DE shop; prices in cents (EUR minor units), unitTax as the shop showed it.' })
export class PlaceDeOrderInput extends RegionalOrderInputBase {
  @Field(() => DeCustomerInput, { description: 'The buyer.' }) @ValidateNested() customer!: DeCustomerInput;
  @Field(() => DeAddressInput, { description: 'Where the parcel goes.' }) @ValidateNested() shippingAddress!: DeAddressInput;
  @Field(() => DeAddressInput, { nullable: true, description: 'Only when the invoice goes to another address than the parcel.' })
  @IsOptional()
  @ValidateNested()
  billingAddress?: DeAddressInput;
  @Field(() => String, { defaultValue: 'DE', description: "ISO code of the country the goods are sent from: DE, or a supplier's country outside the EU." })
  @Matches(/^[A-Z]{2}$/)
  dispatchCountry!: string;
}

import { ArrayMaxSize, ArrayMinSize, IsDate, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, GraphQLISODateTime, InputType, Int, ObjectType } from 'type-graphql';
import { ChannelEnum } from '@hub/shared/graphql/enums';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CHANNELS, type Channel } from '@hub/shared/messaging/contracts';
import type { CnReturnClass } from '@hub/shared/catalogue/products/return-class.rules';
import { CUSTOMER_TYPES, type CustomerType } from '@hub/shared/catalogue/quote/quote.rules';
import type { EuTaxClass } from '@hub/shared/catalogue/vat/tax-class';
import { CnReturnClassEnum, CustomerTypeEnum, EuTaxClassEnum } from '../graphql/enums.js';
import { UserError } from '@hub/shared/graphql/user-error';
import { PaymentTermsEnum } from '@hub/shared/graphql/enums';
import { OrderPromotionView } from '@hub/shared/graphql/order-promotion.type';
import { PAYMENT_TERMS, type PaymentTerms } from '@hub/shared/messaging/contracts';
import { DeliveryOptionEnum } from '@hub/shared/graphql/delivery-option.enum';
import { QUOTE_ASSUMED_KM, type DeliveryOption } from '@hub/shared/green/delivery-options.rules';

@InputType({ description: 'Where the goods go.' })
export class QuoteDestinationInput {
  @Field(() => String, { description: 'ISO 3166-1 alpha-2 country.' }) @Matches(/^[A-Z]{2}$/) country!: string;
  @Field(() => String, { nullable: true, description: 'Postal code; decides special VAT territories (Canary Islands, Heligoland…).' })
  @IsOptional()
  @IsString()
  @Length(1, 12)
  postalCode?: string | null;
}

@InputType({ description: 'One cart line: a SKU and how many. Prices come from the catalogue, never from the client.' })
export class QuoteLineInput {
  @Field(() => String, { description: 'The SKU.' }) @IsString() @Length(1, 64) sku!: string;
  @Field(() => Int, { description: 'How many (1-10,000).' }) @IsInt() @Min(1) @Max(10_000) quantity!: number;
}

@InputType({ description: 'A cart to price as a checkout would, for now or for an earlier instant.' })
export class QuoteInput {
  @Field(() => String, { description: 'Region code (cn, de, sea).' }) @IsString() @Length(2, 16) region!: string;
  @Field(() => ChannelEnum, { defaultValue: 'WEB', description: 'Sales channel.' }) @IsIn(CHANNELS) channel!: Channel;
  @Field(() => String, { description: 'ISO 4217 currency to price in.' }) @Matches(/^[A-Z]{3}$/) currency!: string;
  @Field(() => QuoteDestinationInput, { description: 'Where the goods go.' }) @ValidateNested() destination!: QuoteDestinationInput;
  @Field(() => CustomerTypeEnum, { defaultValue: 'CONSUMER', description: 'Consumer or business.' }) @IsIn(CUSTOMER_TYPES) customerType!: CustomerType;
  @Field(() => String, { nullable: true, description: "A business buyer's VAT ID (format-checked)." }) @IsOptional() @IsString() @Length(1, 20) vatId?:
    string | null;
  @Field(() => [QuoteLineInput], { description: 'The cart (1-500 lines).' }) @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested() lines!: QuoteLineInput[];
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Prices and tax as they were at this instant (corrections, previews); omitted: now. Placement always prices now.',
  })
  @IsOptional()
  @IsDate()
  at?: Date | null;
  @Field(() => PaymentTermsEnum, {
    nullable: true,
    description: 'How the order would be paid (order rules may read it, as at placement); omitted: PREPAID.',
  })
  @IsOptional()
  @IsIn(PAYMENT_TERMS)
  paymentTerms?: PaymentTerms | null;
}

@ObjectType({ description: 'What a CN customer is told about returning a line.' })
export class CnReturnTermsView {
  @Field(() => Boolean, { description: 'Whether 7-day no-reason return applies (a confirmable exclusion applies only once confirmed at purchase).' })
  noReasonReturn!: boolean;
  @Field(() => CnReturnClassEnum, { nullable: true, description: 'The exclusion the product carries; null: returnable.' }) exclusion!: CnReturnClass | null;
  @Field(() => Boolean, { description: "The exclusion needs the customer's explicit confirmation at purchase." }) requiresCustomerConfirmation!: boolean;
}

@ObjectType({ description: 'One priced line.' })
export class QuoteLine {
  @Field(() => Int, { description: 'Line number, 1-based, as the order will number it.' }) lineNo!: number;
  @Field(() => String, { description: 'The SKU.' }) sku!: string;
  @Field(() => String, { description: 'Product name (English).' }) name!: string;
  @Field(() => Int, { description: 'Quantity.' }) quantity!: number;
  @Field(() => MinorUnits, { description: 'Net unit price.' }) unitPrice!: number;
  @Field(() => MinorUnits, { description: 'VAT per unit, rounded half up.' }) unitTax!: number;
  @Field(() => EuTaxClassEnum, { description: "The product's tax class." }) taxClass!: EuTaxClass;
  @Field(() => Float, { description: 'VAT rate applied, in percent (19, 5.5, 0).' }) rate!: number;
  @Field(() => MinorUnits, { description: 'quantity × unitPrice − discount: the net invoiced.' }) net!: number;
  @Field(() => MinorUnits, { description: 'quantity × unitTax − discountTax: VAT on the discounted price.' }) tax!: number;
  @Field(() => MinorUnits, { description: "Net minor units order-rule promotions take off the line (its share of the order's discounts)." })
  discount!: number;
  @Field(() => MinorUnits, { description: 'The VAT the line no longer bears because of its discount.' }) discountTax!: number;
  @Field(() => MinorUnits, {
    nullable: true,
    description: 'For a gift an order rule binds (a zero-price line): its declared value, the catalogue price with VAT; null for a sold line.',
  })
  giftDeclaredValue!: number | null;
  @Field(() => MinorUnits, { description: 'net + tax.' }) total!: number;
  @Field(() => CnReturnTermsView, { nullable: true, description: 'CN return terms; null outside region cn.' }) cnReturnTerms!: CnReturnTermsView | null;
}

@ObjectType({ description: 'A discount applied to the cart.' })
export class QuoteDiscount {
  @Field(() => String, { description: 'The promotion.' }) code!: string;
  @Field(() => MinorUnits, { description: 'Amount off.' }) amount!: number;
}

@ObjectType({ description: "Part of the shipping charge at one VAT rate (shipping follows the goods' rates)." })
export class ShippingVatPartView {
  @Field(() => Float, { description: 'Rate in percent.' }) rate!: number;
  @Field(() => MinorUnits, { description: 'Net shipping at this rate.' }) net!: number;
  @Field(() => MinorUnits, { description: 'VAT on it.' }) vat!: number;
}

@ObjectType({ description: 'Shipping for the cart.' })
export class QuoteShipping {
  @Field(() => MinorUnits, { description: 'Net shipping.' }) net!: number;
  @Field(() => MinorUnits, { description: 'VAT on shipping.' }) tax!: number;
  @Field(() => [ShippingVatPartView], { description: 'Split by the rates of the goods.' }) parts!: ShippingVatPartView[];
}

@ObjectType({ description: 'Cart totals in minor units; grandTotal = itemsTotal + taxTotal + shippingTotal - discountTotal.' })
export class QuoteTotals {
  @Field(() => MinorUnits, { description: 'Net goods.' }) itemsTotal!: number;
  @Field(() => MinorUnits, { description: 'VAT on the goods, on their discounted prices.' }) taxTotal!: number;
  @Field(() => MinorUnits, { description: 'Shipping including its VAT, as the order stores it.' }) shippingTotal!: number;
  @Field(() => MinorUnits, { description: 'Discounts, net (the VAT they remove is already out of taxTotal).' }) discountTotal!: number;
  @Field(() => MinorUnits, { description: 'What the customer pays.' }) grandTotal!: number;
}

@ObjectType({ description: 'Whether the order may be paid cash on delivery.' })
export class CashOnDelivery {
  @Field(() => Boolean, { description: 'Offered for this cart.' }) available!: boolean;
  @Field(() => MinorUnits, { nullable: true, description: 'The most an order may total for cash on delivery; null where it is not offered.' }) limit!:
    number | null;
}

@ObjectType({ description: 'A way to deliver the cart, with its promised window and its CO2e, so the customer can compare.' })
export class QuoteDeliveryOption {
  @Field(() => DeliveryOptionEnum, { description: 'STANDARD, EXPRESS, or CONSOLIDATED (low-carbon: merged with your other orders to the same address).' })
  option!: DeliveryOption;
  @Field(() => GraphQLISODateTime, { description: 'Earliest delivery.' }) etaFrom!: Date;
  @Field(() => GraphQLISODateTime, { description: 'Latest delivery: the promised date the order is placed with.' }) etaTo!: Date;
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'CONSOLIDATED: the latest the order waits for your other orders before it leaves (never past the promise); null otherwise.',
  })
  consolidateUntil!: Date | null;
  @Field(() => Int, { description: 'Estimated grams CO2e (ISO 14083 / GLEC, well-to-wheel, hubs; packaging is added once the box is chosen).' })
  co2eGrams!: number;
  @Field(() => Int, { description: 'Grams CO2e less than STANDARD; negative when the option emits more.' }) co2eSavedGrams!: number;
  @Field(() => String, { description: 'The emission factor table version the estimate used.' }) factorVersion!: string;
}

@ObjectType({ description: 'A priced cart: what the order would be, to the minor unit.' })
export class Quote {
  @Field(() => Int, { description: 'Catalogue version priced with.' }) catalogueVersion!: number;
  @Field(() => String, { description: 'Price list used.' }) priceListId!: string;
  @Field(() => Int, { description: 'Its version.' }) priceListVersion!: number;
  @Field(() => String, { description: 'Currency of every amount.' }) currency!: string;
  @Field(() => GraphQLISODateTime, { description: 'Instant priced at.' }) at!: Date;
  @Field(() => String, { description: 'Calendar day in the region the VAT rate was taken for (YYYY-MM-DD).' }) taxDate!: string;
  @Field(() => String, { description: 'VAT regime: DOMESTIC, DISTANCE_SALE_DE_VAT, OSS, IOSS, IMPORT, REVERSE_CHARGE, or DOMESTIC_SALE outside the EU.' })
  vatScheme!: string;
  @Field(() => String, { nullable: true, description: 'Whose VAT is charged; null when none is charged at sale.' }) taxCountry!: string | null;
  @Field(() => String, { nullable: true, description: 'FORMAT_ONLY when a VAT ID was given (no online check ran); null without one.' }) vatIdCheck!:
    string | null;
  @Field(() => String, { description: 'Where the VAT rates come from, and when they were taken.' }) rateSource!: string;
  @Field(() => [QuoteLine], { description: 'Priced lines.' }) lines!: QuoteLine[];
  @Field(() => [QuoteDiscount], { description: 'Discounts (promotions come from order rules).' }) discounts!: QuoteDiscount[];
  @Field(() => [OrderPromotionView], {
    description: 'The discounts and gifts order rules give this cart, each with the rule-set version that gives it; an order placed now gets the same.',
  })
  promotions!: OrderPromotionView[];
  @Field(() => QuoteShipping, { description: 'Shipping.' }) shipping!: QuoteShipping;
  @Field(() => QuoteTotals, { description: 'Totals.' }) totals!: QuoteTotals;
  @Field(() => CashOnDelivery, { description: 'Cash on delivery.' }) cashOnDelivery!: CashOnDelivery;
  @Field(() => [QuoteDeliveryOption], {
    description: `Each delivery option with its ETA window and CO2e; the estimate assumes ${QUOTE_ASSUMED_KM} km from the network (fulfilment computes the real legs).`,
  })
  deliveryOptions!: QuoteDeliveryOption[];
}

@ObjectType('QuoteResult', { description: 'A quote, or why the cart cannot be priced.' })
export class QuoteResult {
  @Field(() => Quote, { nullable: true, description: 'The quote; null when refused.' }) quote!: Quote | null;
  @Field(() => [UserError], { description: 'Why the cart cannot be priced (line and field named); empty on success.' }) userErrors!: UserError[];
}

import { ArrayMaxSize, ArrayMinSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateBy, ValidateNested } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType, Int } from 'type-graphql';
import { ChannelEnum } from '../graphql/enums.js';
import { MinorUnits } from '../graphql/scalars.js';
import type { Principal } from '../auth/principal.js';
import { CHANNELS, type Channel } from '../messaging/contracts.js';
import type { PlacementRequest } from './placement/placement-pipeline.js';
import type { ClientLine } from './placement/placement-pricing.rules.js';
import { findPersonalDataInLine } from './order-line-privacy.rules.js';
import { DeliveryChoiceInput } from './placement/delivery-choice.input.js';

/** Lines go to core and beyond: no phone numbers, e-mails, contacts or personal messages in them (see the rule). */
const NoPersonalData = (part: 'name' | 'attributes') =>
  ValidateBy({
    name: 'noPersonalData',
    validator: {
      validate: (value: unknown) =>
        findPersonalDataInLine(
          part === 'name'
            ? { name: typeof value === 'string' ? value : '' }
            : { name: '', attributes: value && typeof value === 'object' ? (value as Record<string, unknown>) : {} },
        ) === null,
      defaultMessage: () => "Order lines must not carry personal data; personal messages belong in the region's own order fields",
    },
  });

/** Why the client's amounts are deprecated: the hub prices every order from its catalogue (docs/ARCHITECTURE.md, "Who prices an order"). */
export const CLIENT_PRICE_DEPRECATION =
  "The hub prices each line from its catalogue; omit it. When sent, it must equal the catalogue's, or the order is refused (PRICE_DIFFERS).";

@InputType('OrderLineInput', { description: 'One line to order: the SKU and how many. The region prices it from its copy of the catalogue.' })
export class OrderLineInputType {
  @Field(() => String, { description: 'Stock-keeping unit, as in the catalogue.' }) @Matches(/^[A-Za-z0-9._-]{1,64}$/) sku!: string;
  @Field(() => Int, { description: 'Units ordered, 1 to 10,000.' }) @IsInt() @Min(1) @Max(10_000) quantity!: number;
  @Field(() => String, {
    nullable: true,
    description: "Ignored: the line carries the catalogue's product name.",
    deprecationReason: 'The catalogue names the product; omit it.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 300)
  @NoPersonalData('name')
  name?: string | null;
  @Field(() => MinorUnits, {
    nullable: true,
    description: "The net unit price the client showed; checked against the catalogue's.",
    deprecationReason: CLIENT_PRICE_DEPRECATION,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  unitPrice?: number | null;
  @Field(() => MinorUnits, {
    nullable: true,
    description: 'The tax per unit the client showed; checked against the VAT the hub computes (VAT_AMOUNT_MISMATCH).',
    deprecationReason: CLIENT_PRICE_DEPRECATION,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  unitTax?: number | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "Regional extras for the line (size, minimum age, engraving flags); the catalogue's product facts win over any given here.",
  })
  @IsOptional()
  @NoPersonalData('attributes')
  attributes?: Record<string, string | number | boolean>;
}

/** The part of every region's order input that is the same everywhere. */
@InputType('RegionalOrderInputBase')
export abstract class RegionalOrderInputBase {
  @Field(() => String, { description: 'Client-generated key; repeating it returns the same order, never a second one.' })
  @Matches(/^[A-Za-z0-9._:-]{8,200}$/)
  idempotencyKey!: string;

  @Field(() => ChannelEnum, { description: 'Where the customer placed the order.', defaultValue: 'WEB' }) @IsIn(CHANNELS) channel!: Channel;

  @Field(() => String, { nullable: true, description: 'Operators placing an order for a customer name them here; customers omit it.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  customerRef?: string;

  @Field(() => [OrderLineInputType], { description: 'The lines to order (SKU and quantity), 1 to 500; the region prices them.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested()
  lines!: OrderLineInputType[];

  @Field(() => MinorUnits, {
    nullable: true,
    description: "The shipping (gross) the client showed; checked against the price list's.",
    deprecationReason: CLIENT_PRICE_DEPRECATION,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  shippingTotal?: number | null;
  @Field(() => MinorUnits, { description: 'Discount granted on the whole order.', defaultValue: 0 }) @IsInt() @Min(0) discountTotal!: number;

  @Field(() => DeliveryChoiceInput, { nullable: true, description: 'The delivery option chosen at checkout; omitted: STANDARD.' })
  @IsOptional()
  @ValidateNested()
  delivery?: DeliveryChoiceInput | null;
  @Field(() => Int, {
    nullable: true,
    description:
      "Points of the customer's balance to pay part of the order with (after any presale deposit's expansion, within the points rule's cap); refused with POINTS_ABOVE_CAP, POINTS_NOT_ACCEPTED or POINTS_INSUFFICIENT, never cut short.",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  pointsToUse?: number | null;
}

/** The lines as the client sent them, for the placement pipeline to price. */
export function toClientLines(lines: readonly OrderLineInputType[]): ClientLine[] {
  return lines.map(({ sku, quantity, unitPrice, unitTax, attributes }) => ({
    sku,
    quantity,
    unitPrice: unitPrice ?? null,
    unitTax: unitTax ?? null,
    attributes: attributes ?? {},
  }));
}

/**
 * The placement request's part every region's order input fills the same way; the region adds its own `details`.
 * A customer's order is their own; an operator names the customer it is for.
 */
export function placementOf(input: RegionalOrderInputBase, principal: Principal): Omit<PlacementRequest, 'details'> {
  return {
    principal,
    idempotencyKey: input.idempotencyKey,
    input,
    customerRef: input.customerRef ?? principal.subject,
    channel: input.channel,
    lines: toClientLines(input.lines),
    shippingTotal: input.shippingTotal ?? null,
    discountTotal: input.discountTotal,
    delivery: input.delivery ?? null,
    pointsToUse: input.pointsToUse ?? 0,
  };
}

import { Directive, Field, Int, ObjectType } from 'type-graphql';
import type { AppliedPromotion } from '../catalogue/quote/quote-promotions.rules.js';
import { MinorUnits } from './scalars.js';

/** A discount or gift an order rule gave an order or a quote; core, the regions and the catalogue's quote show the same type. */
@Directive('@shareable')
@ObjectType('OrderPromotion', { description: 'A discount or gift an order rule gave, and the rule-set version that gave it.' })
export class OrderPromotionView {
  @Field(() => String, { description: 'DISCOUNT (net minor units off the items, lowering the VAT base) or GIFT (a zero-price line).' })
  kind!: string;
  @Field(() => String, { description: "The rule set's key (its `RuleSet.key` in the order-rules subgraph)." })
  ruleSet!: string;
  @Field(() => Int, { description: 'The version of the rule set that gave it.' })
  version!: number;
  @Field(() => String, { description: 'The rule within that version.' })
  ruleId!: string;
  @Field(() => String, { description: "The rule's message, as the customer is shown it (the promotion's label)." })
  label!: string;
  @Field(() => MinorUnits, { description: "DISCOUNT: net minor units off the items. GIFT: the gift's declared value (catalogue price with VAT)." })
  amount!: number;
  @Field(() => String, { nullable: true, description: "GIFT: the gift's SKU; null for a discount." })
  sku!: string | null;
}

export const toOrderPromotionView = (promotion: AppliedPromotion): OrderPromotionView => ({ ...promotion });

import { Directive, Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '../graphql/scalars.js';
import { OrderPromotionView, toOrderPromotionView } from '../graphql/order-promotion.type.js';
import { calculateTotals } from '../money/order-totals.js';
import { OrderStatusEnum } from '../graphql/enums.js';
import type { OrderStatus } from '../messaging/contracts.js';
import type { RegionalOrder } from './regional-order.entity.js';
import { OrderPaymentView, toOrderPaymentView } from './promotions/order-payment.type.js';

/** One version of an order-rule set that handled an order, as the region held it. */
@Directive('@shareable')
@ObjectType('OrderRuleVersionUsed', { description: 'A version of an order-rule set that handled an order when the region placed it.' })
export class OrderRuleVersionUsed {
  @Field(() => String, { description: "The rule set's key (its `RuleSet.key` in the order-rules subgraph)." })
  ruleSet!: string;
  @Field(() => Int, { description: 'The version of the rule set that was in force for the order.' })
  version!: number;
  @Field(() => Int, {
    description: "The publication of the rule set the region evaluated with; lower than the hub's newest when the region had not caught up.",
  })
  publication!: number;
}

/**
 * What every region knows of an order it took in, answered by the region alone: while core has not
 * registered the order (or is down), this is the order as the customer was told it exists. Each region's
 * `Order.<region>` type extends it with its own fields.
 */
@ObjectType()
export abstract class RegionalOrderFacts {
  /** Carried for field resolvers; not part of the schema. */
  orderId!: string;
  customerRef!: string;
  @Field(() => String, {
    nullable: true,
    description: 'The order number the region gave the order when it took it in (null only for orders from before regions numbered them).',
  })
  number!: string | null;
  @Field(() => String, {
    description:
      "Whether core holds the master order: PENDING (taken in here, core not told yet: core's `Order` fields are not available), REGISTERED, or REJECTED (core refused it; the order is void, see registrationRejection).",
  })
  registration!: string;
  @Field(() => String, { nullable: true, description: "Core's code and reason when registration is REJECTED." })
  registrationRejection!: string | null;
  @Field(() => OrderStatusEnum, {
    nullable: true,
    description:
      'The latest status core reported to this region (it follows core within the time the order events take to arrive, normally well under a second); null until the first event arrived.',
  })
  status!: OrderStatus | null;
  @Field(() => GraphQLISODateTime, { description: 'When the region took the order in.' })
  placedAt!: Date;
  @Field(() => String, { description: 'ISO 4217 code of the currency the order is priced in.' })
  currency!: string;
  @Field(() => MinorUnits, {
    description: 'What the customer pays, as the region priced it: goods, tax and shipping less discounts, in minor units.',
  })
  grandTotal!: number;
  @Field(() => Int, {
    nullable: true,
    description: 'The catalogue version the region priced the lines from; null for orders priced by the client, before the hub priced them.',
  })
  catalogueVersion!: number | null;
  @Field(() => String, { nullable: true, description: 'The price list the lines were priced from; null for orders priced by the client.' })
  priceListId!: string | null;
  @Field(() => Int, { nullable: true, description: 'The version of that price list; null for orders priced by the client.' })
  priceListVersion!: number | null;
  @Field(() => [OrderRuleVersionUsed], {
    nullable: true,
    description:
      'The order-rule versions the region checked the order against when it placed it (empty when none was in force); null for orders placed before regions evaluated order rules.',
  })
  rulesHandledWith!: OrderRuleVersionUsed[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'True when, at placement, the region could not confirm it held the newest publication of every rule set (NATS unreachable or still catching up): it used the last rules it had. Null for orders placed before regions evaluated order rules.',
  })
  rulesMayHaveBeenBehind!: boolean | null;
  @Field(() => [OrderPromotionView], {
    description:
      'The discounts and gifts order rules gave the order at placement, each with the rule-set version that gave it (the same as the checkout quote showed).',
  })
  promotionsApplied!: OrderPromotionView[];
  @Field(() => Int, {
    nullable: true,
    description:
      "How many approvals an order rule's hold for review asked before fulfilment takes the order (core's `Order.hold` shows the approvals); null when no rule held it.",
  })
  holdLevels!: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      "The invoice template an order rule's invoice module chose for the order (bookkeeping invoices it with this template); null: the region's default template.",
  })
  invoiceTemplate!: string | null;
  @Field(() => [OrderRuleVersionUsed], {
    description: 'The invoice rule-set versions that chose `invoiceTemplate`; empty when no invoice rule was in force.',
  })
  invoiceTemplateRules!: OrderRuleVersionUsed[];
  @Field(() => OrderPaymentView, {
    nullable: true,
    description:
      'How the order is paid when a presale deposit or points are involved (deposit, expansion, points, final payment due); null when it is paid all in cash at once and earns no points.',
  })
  paymentPlan!: OrderPaymentView | null;
}

export function toRegionalOrderFacts(record: RegionalOrder): Omit<RegionalOrderFacts, never> {
  const request = record.registrationRequest;
  return {
    orderId: record.orderId,
    customerRef: record.customerRef,
    number: record.orderNumber ?? null,
    registration: record.registration,
    registrationRejection: record.registrationRejection ?? null,
    status: record.status ?? null,
    placedAt: record.createdAt,
    currency: request.currency,
    grandTotal: calculateTotals(request.lines, request.shippingTotal, request.discountTotal).grandTotal,
    catalogueVersion: request.pricedWith?.catalogueVersion ?? null,
    priceListId: request.pricedWith?.priceListId ?? null,
    priceListVersion: request.pricedWith?.priceListVersion ?? null,
    rulesHandledWith: record.rulesHandledWith?.versions.map(({ ruleSet, version, publication }) => ({ ruleSet, version, publication })) ?? null,
    rulesMayHaveBeenBehind: record.rulesHandledWith?.replicaMayBeBehind ?? null,
    promotionsApplied: (record.rulesHandledWith?.promotions ?? []).map(toOrderPromotionView),
    holdLevels: record.rulesHandledWith?.hold?.levels ?? null,
    invoiceTemplate: record.rulesHandledWith?.invoice?.template ?? null,
    invoiceTemplateRules: record.rulesHandledWith?.invoice?.versions.map(({ ruleSet, version, publication }) => ({ ruleSet, version, publication })) ?? [],
    paymentPlan: record.payment ? toOrderPaymentView(record.payment) : null,
  };
}

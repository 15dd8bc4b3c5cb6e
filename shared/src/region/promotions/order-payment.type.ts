import { Directive, Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '../../graphql/scalars.js';
import { cashStillDue, type OrderPayment } from './order-payment.js';

/** How a regional order is paid when a presale deposit or points are involved; every region shows the same type. */
@Directive('@shareable')
@ObjectType('OrderPaymentPlan', {
  description:
    'How the order is paid: a presale deposit and what it counts for, points spent, the cash still due and its window, and the points earned. Amounts in minor units; the deposit, expansion, points and final cash add up to the order total.',
})
export class OrderPaymentView {
  @Field(() => MinorUnits, { description: 'What the order costs after promotions (goods, tax, shipping).' }) payable!: number;
  @Field(() => MinorUnits, { description: 'Cash paid as the presale deposit at placement (0 without a presale).' }) deposit!: number;
  @Field(() => MinorUnits, { description: 'What the deposit counts for beyond itself (deposit expansion), paid by the shop.' }) expansion!: number;
  @Field(() => Int, { description: 'Points spent on the order at placement.' }) pointsUsed!: number;
  @Field(() => MinorUnits, { description: 'What those points paid.' }) pointsValue!: number;
  @Field(() => MinorUnits, { description: 'Cash of the final payment (a presale), or paid at once (no presale).' }) finalDue!: number;
  @Field(() => MinorUnits, { description: 'Cash still owed now: the final payment of a presale until it is paid, else 0.' }) cashStillDue!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the presale's final payment can be made from; null without a presale." })
  finalPaymentOpensAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it can no longer be made; null without a presale.' })
  finalPaymentClosesAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the final payment was made; null until then or without a presale.' })
  finalPaidAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why core refused to record the final payment (`CODE: message`, e.g. the order was cancelled meanwhile): the cash was taken and has to be settled with the customer; null when core took it or nothing was paid.',
  })
  finalPaymentRefusal!: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When core refused it; null unless refused.' }) finalPaymentRefusedAt!: Date | null;
  @Field(() => Int, { description: 'Points the order earns once paid (from the cash paid).' }) pointsToEarn!: number;
  @Field(() => Int, { nullable: true, description: 'Points credited when the order was paid; null until then.' }) pointsEarned!: number | null;
  @Field(() => String, { nullable: true, description: 'The presale rule set that set the deposit terms; null without a presale.' }) presaleRuleSet!:
    string | null;
  @Field(() => Int, { nullable: true, description: 'Its version.' }) presaleRuleSetVersion!: number | null;
}

export function toOrderPaymentView(payment: OrderPayment): OrderPaymentView {
  const presale = payment.presale;
  return {
    payable: payment.payable,
    deposit: payment.deposit,
    expansion: payment.expansion,
    pointsUsed: payment.pointsUsed,
    pointsValue: payment.pointsValue,
    finalDue: payment.finalDue,
    cashStillDue: cashStillDue(payment),
    finalPaymentOpensAt: presale ? new Date(presale.finalOpensAt) : null,
    finalPaymentClosesAt: presale ? new Date(presale.finalClosesAt) : null,
    finalPaidAt: payment.finalPaidAt ? new Date(payment.finalPaidAt) : null,
    finalPaymentRefusal: payment.finalPaymentRefusal ? `${payment.finalPaymentRefusal.code}: ${payment.finalPaymentRefusal.message}` : null,
    finalPaymentRefusedAt: payment.finalPaymentRefusal ? new Date(payment.finalPaymentRefusal.at) : null,
    pointsToEarn: payment.pointsToEarn,
    pointsEarned: payment.pointsEarned,
    presaleRuleSet: presale?.ruleSet ?? null,
    presaleRuleSetVersion: presale?.version ?? null,
  };
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CnRefundDestinationEnum } from '../../returns/graphql/cn-return.enums.js';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import type { RefundDestination } from '../../returns/persistence/cn-return.entity.js';

@ObjectType({ description: 'Units of one order line refunded, and what they paid.' })
export class CnRefundLine {
  @Field(() => ID, { description: 'The refund id and the line number.' }) id!: string;
  @Field(() => Int, { description: 'The order line (1-based).' }) lineNo!: number;
  @Field(() => Int, { description: 'Units refunded.' }) quantity!: number;
  @Field(() => MinorUnits, { description: 'What the customer paid for these units, the order discount apportioned.' }) amount!: number;
}

@ObjectType('CnRefund', { description: 'The refund of a return, in fen: what was paid for the complete lines less agreed deductions.' })
export class CnRefundView {
  @Field(() => ID, { description: 'Unique id of the refund.' }) id!: string;
  @Field(() => String, { description: 'ISO 4217 code (CNY).' }) currency!: string;
  @Field(() => MinorUnits, { description: 'What the customer paid for the complete lines.' }) goodsAmount!: number;
  @Field(() => MinorUnits, { description: 'Declared value of gifts that did not come back.' }) giftDeduction!: number;
  @Field(() => MinorUnits, { description: 'A door-pickup fee the customer agreed to.' }) pickupFeeDeduction!: number;
  @Field(() => MinorUnits, {
    description:
      "Cash refunded: the goods' cash share (deposit and final payment) less the deductions; for an order paid all in cash, goods less the deductions.",
  })
  amount!: number;
  @Field(() => MinorUnits, { description: 'The part of the cash refunded that the presale deposit paid (0 without a presale).' }) depositRefunded!: number;
  @Field(() => MinorUnits, { description: "The returned goods' share of the deposit's expansion, which the shop paid and keeps." }) expansionKept!: number;
  @Field(() => Int, { description: 'Points given back to the ledger for the points the returned goods were paid with (less any taken for kept gifts).' })
  pointsBack!: number;
  @Field(() => Int, { description: 'Points taken back that the order had earned on the returned cash.' }) pointsEarnedBack!: number;
  @Field(() => [CnRefundLine], { description: 'The refunded units, line by line.' }) lines!: CnRefundLine[];
  @Field(() => CnRefundDestinationEnum, { description: 'Where the money goes.' }) destination!: RefundDestination;
  @Field(() => GraphQLISODateTime, { description: 'When the refund was issued.' }) issuedAt!: Date;
  @Field(() => GraphQLISODateTime, { description: 'The statutory deadline: seven CST days after receipt.' }) dueBefore!: Date;
  @Field(() => Boolean, { description: 'Issued after its 7-day deadline.' }) late!: boolean;
}

@ObjectType({ description: 'A refund past its 7-day deadline, for operators.' })
export class CnOverdueRefund {
  @Field(() => ID, { description: "The return's id: one overdue entry per return." }) id!: string;
  @Field(() => CnReturnView, { name: 'return', description: 'The return whose refund is overdue.' }) ret!: CnReturnView;
  @Field(() => String, { nullable: true, description: "The order's human number; null until core has registered it." }) orderNumber!: string | null;
  @Field(() => Int, { description: 'Whole days past the deadline, counting the day it fell due.' }) daysOverdue!: number;
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { MinorUnits } from '@hub/shared/graphql/scalars';
import { CnRefundDestinationEnum } from '../../returns/graphql/cn-return.enums.js';
import { CnReturnView } from '../../returns/graphql/cn-return.types.js';
import type { RefundDestination } from '../../returns/persistence/cn-return.entity.js';

@ObjectType()
export class CnRefundLine {
  @Field(() => Int) lineNo!: number;
  @Field(() => Int) quantity!: number;
  @Field(() => MinorUnits, { description: 'What the customer paid for these units, the order discount apportioned.' }) amount!: number;
}

@ObjectType('CnRefund', { description: 'The refund of a return, in fen: what was paid for the complete lines less agreed deductions.' })
export class CnRefundView {
  @Field(() => ID) id!: string;
  @Field(() => String) currency!: string;
  @Field(() => MinorUnits) goodsAmount!: number;
  @Field(() => MinorUnits, { description: 'Declared value of gifts that did not come back.' }) giftDeduction!: number;
  @Field(() => MinorUnits, { description: 'A door-pickup fee the customer agreed to.' }) pickupFeeDeduction!: number;
  @Field(() => MinorUnits) amount!: number;
  @Field(() => [CnRefundLine]) lines!: CnRefundLine[];
  @Field(() => CnRefundDestinationEnum) destination!: RefundDestination;
  @Field(() => GraphQLISODateTime) issuedAt!: Date;
  @Field(() => GraphQLISODateTime) dueBefore!: Date;
  @Field(() => Boolean, { description: 'Issued after its 7-day deadline.' }) late!: boolean;
}

@ObjectType({ description: 'A refund past its 7-day deadline, for operators.' })
export class CnOverdueRefund {
  @Field(() => CnReturnView, { name: 'return' }) ret!: CnReturnView;
  @Field(() => String, { nullable: true }) orderNumber!: string | null;
  @Field(() => Int, { description: 'Whole days past the deadline, counting the day it fell due.' }) daysOverdue!: number;
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import type { IncompleteReason } from '../../rules/inspection.rules.js';
import type { EligibilityReason } from '../../rules/return-eligibility.rules.js';
import type { ReturnState } from '../../rules/return-steps.rules.js';
import type { RefundDestination } from '../persistence/cn-return.entity.js';
import { CnIncompleteReasonEnum, CnRefundDestinationEnum, CnReturnEligibilityReasonEnum, CnReturnStateEnum } from './cn-return.enums.js';

@ObjectType({ description: 'Whether one line can be returned without reason now, and until when.' })
export class CnLineReturnEligibility {
  @Field(() => Int, { description: 'The order line (1-based).' }) lineNo!: number;
  @Field(() => Boolean, { description: 'Whether a request for this line would be accepted now.' }) eligible!: boolean;
  @Field(() => CnReturnEligibilityReasonEnum, { description: 'Why it can or cannot be returned.' }) reason!: EligibilityReason;
  @Field(() => Int, { description: 'Units that can still be returned.' }) returnableQuantity!: number;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Requests must be sent before this instant (midnight CST after the last day).' })
  deadline!: Date | null;
  @Field(() => String, { nullable: true, description: 'The last day (CST, YYYY-MM-DD) on which a request is accepted.' }) lastDay!: string | null;
}

@ObjectType('CnReturnLine', { description: 'Units of one order line in a return, and what inspection found.' })
export class CnReturnLineView {
  @Field(() => ID, { description: 'The return id and the line number.' }) id!: string;
  @Field(() => Int, { description: 'The order line (1-based).' }) lineNo!: number;
  @Field(() => Int, { description: 'Units returned.' }) quantity!: number;
  @Field(() => Boolean, { nullable: true, description: 'Null until inspected.' }) complete!: boolean | null;
  @Field(() => CnIncompleteReasonEnum, { nullable: true, description: 'Why the goods are not complete; null when they are or before inspection.' })
  incompleteReason!: IncompleteReason | null;
  @Field(() => Boolean, { nullable: true, description: 'Opened to inspect; recorded, never held against the customer.' }) packagingOpened!: boolean | null;
  @Field(() => String, { nullable: true, description: "The inspector's note." }) note!: string | null;
}

@ObjectType('CnReturn', { description: 'A 7-day no-reason return (七天无理由退货) of some lines of a CN order, with door pickup.' })
export class CnReturnView {
  @Field(() => ID, { description: 'Unique id of the return.' }) id!: string;
  @Field(() => ID, { description: 'The order the goods came from.' }) orderId!: string;
  @Field(() => CnReturnStateEnum, { description: 'Where the return is.' }) state!: ReturnState;
  @Field(() => Int, { description: 'Pass back as expectedVersion; a newer version means CONFLICT.' }) version!: number;
  @Field(() => GraphQLISODateTime, { description: 'When the customer asked for the return.' }) requestedAt!: Date;
  @Field(() => GraphQLISODateTime, { description: "The window's close when the request was sent; later pickup and receipt do not matter." })
  windowClosesBefore!: Date;
  @Field(() => CnRefundDestinationEnum, { description: 'Where the refund will go.' }) refundDestination!: RefundDestination;
  @Field(() => [Int], { nullable: true, description: 'Gifts that came back, recorded at inspection.' }) giftsReturned!: number[] | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the warehouse received the goods; null before.' }) receivedAt!: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'The refund is due before this instant: seven CST days after receipt.' })
  refundDueBefore!: Date | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Why core refused to record a step of this return (step, code and reason); null while core agrees. A refused request leaves the return REFUSED_BY_CORE with its units free again; a later refused step keeps the return as it is here for an operator to settle with core.',
  })
  coreRejection!: string | null;
}

@ObjectType({ description: 'A return request the rules turned down; nothing was recorded.' })
export class CnReturnRefused {
  @Field(() => Int, { description: 'The first line that could not be returned as asked.' }) lineNo!: number;
  @Field(() => CnReturnEligibilityReasonEnum, { description: 'Why that line could not be returned as asked.' }) reason!: EligibilityReason;
  @Field(() => Int, { description: 'Units of that line that can still be returned.' }) returnableQuantity!: number;
  @Field(() => [CnLineReturnEligibility], { description: "Every line's eligibility, to offer what can be returned." }) eligibility!: CnLineReturnEligibility[];
}

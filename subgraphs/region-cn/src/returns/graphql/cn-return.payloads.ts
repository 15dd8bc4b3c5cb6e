import { Field, ObjectType, type ClassType } from 'type-graphql';
import { MutationPayload, type UserError } from '@hub/shared/graphql/user-error';
import { CnReturnRefused, CnReturnView } from './cn-return.types.js';

/** Declares `<MutationName>Payload` for a step that answers the return; call once per mutation. */
export function cnReturnPayload(name: string, description: string): ClassType<MutationPayload & { return?: CnReturnView }> {
  @ObjectType(name, { description })
  class CnReturnPayload extends MutationPayload {
    @Field(() => CnReturnView, { nullable: true, description: 'The return after this step; null when refused.' })
    return?: CnReturnView;
  }
  return CnReturnPayload;
}

@ObjectType('CnReturnRequestPayload', { description: 'What asking for a 7-day no-reason return answers.' })
export class CnReturnRequestPayload extends MutationPayload {
  @Field(() => CnReturnView, { nullable: true, description: 'The return; null when refused.' })
  return?: CnReturnView;

  @Field(() => CnReturnRefused, {
    nullable: true,
    description: "When a line cannot be returned as asked (`RETURN_NOT_ELIGIBLE`): which, why, and every line's eligibility.",
  })
  refusal?: CnReturnRefused;
}

/** A refusal by the return rules as a user error on the line that was asked for. */
export function refusalUserError(refusal: CnReturnRefused, requestedLineNos: number[]): UserError {
  const index = requestedLineNos.indexOf(refusal.lineNo);
  return {
    code: 'RETURN_NOT_ELIGIBLE',
    field: index >= 0 ? ['input', 'lines', String(index), 'quantity'] : ['input', 'lines'],
    message: `Line ${refusal.lineNo} cannot be returned as asked (${refusal.reason}); ${refusal.returnableQuantity} unit(s) can be`,
  };
}

export const CnReturnWithdrawPayload = cnReturnPayload('CnReturnWithdrawPayload', 'What withdrawing a return answers.');
export const CnReturnInspectPayload = cnReturnPayload('CnReturnInspectPayload', 'What recording the inspection of a return answers.');
export const CnReturnPickupCancelPayload = cnReturnPayload('CnReturnPickupCancelPayload', 'What cancelling a door pickup answers.');
export const CnReturnPickupScanPayload = cnReturnPayload('CnReturnPickupScanPayload', "What the courier's pickup scan answers.");
export const CnReturnSettlePayload = cnReturnPayload('CnReturnSettlePayload', 'What settling a return answers.');

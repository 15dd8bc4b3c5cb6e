import type { LineVerdict } from '../../rules/return-eligibility.rules.js';
import type { CnReturnLine } from '../persistence/cn-return-line.entity.js';
import type { CnReturn } from '../persistence/cn-return.entity.js';
import type { ReturnRefusal } from '../return-request.service.js';
import { CnLineReturnEligibility, CnReturnLineView, CnReturnRefused, CnReturnView } from './cn-return.types.js';

export function toReturnView(ret: CnReturn): CnReturnView {
  return Object.assign(new CnReturnView(), {
    id: ret.id,
    orderId: ret.orderId,
    state: ret.state,
    version: ret.version,
    requestedAt: ret.requestedAt,
    windowClosesBefore: ret.windowClosesBefore,
    refundDestination: ret.refundDestination,
    giftsReturned: ret.giftsReturned ?? null,
    receivedAt: ret.receivedAt ?? null,
    refundDueBefore: ret.refundDueBefore ?? null,
    coreRejection: ret.coreRejection ?? null,
  });
}

export function toReturnLineView(line: CnReturnLine): CnReturnLineView {
  return {
    id: `${line.returnId}:${line.lineNo}`,
    lineNo: line.lineNo,
    quantity: line.quantity,
    complete: line.complete ?? null,
    incompleteReason: line.incompleteReason ?? null,
    packagingOpened: line.packagingOpened ?? null,
    note: line.inspectionNote ?? null,
  };
}

export const toEligibilityView = (verdict: LineVerdict): CnLineReturnEligibility => ({ ...verdict });

export function toRefusalView(refusal: ReturnRefusal): CnReturnRefused {
  return Object.assign(new CnReturnRefused(), {
    lineNo: refusal.lineNo,
    reason: refusal.reason,
    returnableQuantity: refusal.returnableQuantity,
    eligibility: refusal.eligibility.map(toEligibilityView),
  });
}

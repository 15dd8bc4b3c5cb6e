import type { EntityManager } from '@mikro-orm/postgresql';
import { InputValidationError } from '@hub/shared/errors';
import { assertNoReturnFlagInAttributes, assertValidReturnDeclaration } from '../rules/return-policy.rules.js';
import { CnOrderGift } from './cn-order-gift.entity.js';
import { CnOrderLine } from './cn-order-line.entity.js';
import type { PlaceCnOrderInput } from './cn-order.input.js';

type ReturnTermsInput = Pick<PlaceCnOrderInput, 'lines' | 'returnPolicies' | 'gifts'>;

/** Refuses return terms the law does not allow, before anything is written (see return-policy.rules). */
export function assertValidReturnTerms(input: ReturnTermsInput): void {
  input.lines.forEach((line, index) => assertNoReturnFlagInAttributes(index, line.attributes ?? {}));
  const declared = new Set<number>();
  (input.returnPolicies ?? []).forEach((policy, index) => {
    if (policy.lineNo > input.lines.length) throw new InputValidationError(`returnPolicies.${index}.lineNo`, `The order has no line ${policy.lineNo}`);
    if (declared.has(policy.lineNo)) throw new InputValidationError(`returnPolicies.${index}.lineNo`, `Line ${policy.lineNo} is declared twice`);
    declared.add(policy.lineNo);
    assertValidReturnDeclaration(`returnPolicies.${index}`, policy);
  });
  (input.gifts ?? []).forEach((gift, index) => {
    const unknown = (gift.lineNos ?? []).find((lineNo) => lineNo > input.lines.length);
    if (unknown !== undefined) throw new InputValidationError(`gifts.${index}.lineNos`, `The order has no line ${unknown}`);
  });
}

/** Records, in the placement's transaction, each line's return policy (line numbers as core's: index + 1) and the order's gifts. */
export function storeReturnTerms(em: EntityManager, orderId: string, input: ReturnTermsInput): void {
  input.lines.forEach((line, index) => {
    const policy = input.returnPolicies?.find((p) => p.lineNo === index + 1);
    em.create(CnOrderLine, {
      orderId, lineNo: index + 1, quantity: line.quantity, returnExclusion: policy?.exclusion ?? null,
      customerConfirmed: policy?.customerConfirmed === true, claimedQuantity: 0, refundedQuantity: 0,
    });
  });
  const allLines = input.lines.map((_line, index) => index + 1);
  (input.gifts ?? []).forEach((gift, index) => {
    em.create(CnOrderGift, {
      orderId, giftNo: index + 1, kind: gift.kind, description: gift.description,
      declaredValue: gift.declaredValue ?? null, lineNos: gift.lineNos ?? allLines,
    });
  });
}

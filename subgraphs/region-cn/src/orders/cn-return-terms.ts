import { InputValidationError } from '@hub/shared/errors';
import { assertNoReturnFlagInAttributes, assertValidReturnDeclaration } from '../rules/return-policy.rules.js';
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

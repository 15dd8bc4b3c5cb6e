import { DomainError } from '@hub/shared/errors';
import type { ComplianceViolation } from './rules/compliance-violation.js';
import type { DenialReason } from './rules/field-access.policy.js';
import type { DePersonalField } from './rules/personal-fields.js';

/** An order breaks a legal or business rule at intake: the field to fix and the rule's code, never a value. */
export class DeComplianceError extends DomainError {
  constructor(violation: ComplianceViolation) {
    super('BAD_USER_INPUT', violation.message, { field: violation.field, rule: violation.rule });
  }
}

/** A personal-data field the caller may not see; GraphQL reports it on that field alone, which resolves to null. */
export class DeFieldAccessDeniedError extends DomainError {
  constructor(field: DePersonalField, reason: DenialReason) {
    super('FORBIDDEN', 'This personal-data field is not disclosed to the caller', { field, reason });
  }
}

import { DomainError } from '@hub/shared/errors';
import type { ComplianceViolation } from './rules/compliance-violation.js';

/** An order breaks a legal or business rule at intake: the field to fix and the rule's code, never a value. */
export class DeComplianceError extends DomainError {
  constructor(violation: ComplianceViolation) {
    super('BAD_USER_INPUT', violation.message, { field: violation.field, rule: violation.rule });
  }
}

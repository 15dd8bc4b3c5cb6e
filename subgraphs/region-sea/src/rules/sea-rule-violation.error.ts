import { ConflictError, DomainError } from '@hub/shared/errors';

/**
 * Input that breaks one of region-sea's business rules: BAD_USER_INPUT naming the `field` and a stable `rule`
 * code, so the app can react to the rule (offer another payment method) rather than parse a message.
 */
export class SeaRuleViolationError extends DomainError {
  constructor(
    readonly field: string,
    readonly rule: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super('BAD_USER_INPUT', message, { field, rule, ...details });
  }
}

/** A request that contradicts what already happened to the order (already collected, not out for delivery). */
export class SeaStateConflictError extends ConflictError {
  constructor(
    readonly rule: string,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { field: 'orderId', rule, ...details });
  }
}

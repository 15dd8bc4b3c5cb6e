import type { Principal } from '@hub/shared/auth/principal';
import { ForbiddenError, InputValidationError } from '@hub/shared/errors';

/**
 * Whose data a privacy request is about: customers act for themselves; region de's staff and admins file a
 * request a customer made to them and name the customer.
 */
export function subjectOfRequest(principal: Principal, customerRef: string | undefined): string {
  if (principal.role === 'customer') {
    if (customerRef !== undefined && customerRef !== principal.subject) throw new ForbiddenError('Customers act only for themselves');
    return principal.subject;
  }
  assertRegionDeStaff(principal);
  if (!customerRef) throw new InputValidationError('customerRef', 'customerRef names the customer staff act for');
  return customerRef;
}

/** Staff of region de and admins handle DE customers' requests; staff of other regions never do. */
export function assertRegionDeStaff(principal: Principal): void {
  if (principal.role !== 'admin' && !principal.regions.includes('de')) throw new ForbiddenError("Only staff of region de handle DE customers' requests");
}

import { ForbiddenError, InputValidationError } from '@hub/shared/errors';

/**
 * Door pickup is free, or charged only with the customer's consent (Interim Measures art. 18), given by the
 * customer themself for exactly the fee shown; returns the fee to record with that consent.
 */
export function consentedPickupFee(slotFee: number, acceptedFee: number | null | undefined, bookedByCustomer: boolean): number {
  if (slotFee === 0) return 0;
  if (!bookedByCustomer) throw new ForbiddenError('Only the customer can agree to pay for a door pickup');
  if (acceptedFee !== slotFee) {
    throw new InputValidationError('acceptedPickupFee', `This pickup costs ${slotFee} fen; the customer must accept exactly that fee`);
  }
  return slotFee;
}

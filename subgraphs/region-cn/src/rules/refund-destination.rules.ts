import { ForbiddenError, InputValidationError } from '@hub/shared/errors';

export interface RefundDestinationChoice {
  /** Where the customer wants the money instead of the original payment channel (a bank card, a balance…). */
  otherDestination?: string | null;
  customerConsent?: boolean | null;
}

/**
 * Refunds go back the way the customer paid; another way only when the customer explicitly agrees
 * (Interim Measures art. 14: the seller may not name another refund method without the consumer's express consent).
 */
export function chooseRefundDestination(choice: RefundDestinationChoice | null | undefined, chosenByCustomer: boolean) {
  const other = choice?.otherDestination?.trim();
  if (!other) {
    if (choice?.customerConsent) throw new InputValidationError('refundTo.customerConsent', 'There is no other destination to consent to');
    return { destination: 'ORIGINAL_PAYMENT' as const, detail: null };
  }
  if (!chosenByCustomer) throw new ForbiddenError('Only the customer can choose another refund destination');
  if (choice?.customerConsent !== true) {
    throw new InputValidationError('refundTo.customerConsent', "Refunding anywhere but the original payment channel needs the customer's explicit consent");
  }
  return { destination: 'CUSTOMER_CHOSEN' as const, detail: other };
}

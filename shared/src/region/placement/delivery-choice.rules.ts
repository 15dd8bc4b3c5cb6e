import { createHmac } from 'node:crypto';
import { DomainError } from '../../errors.js';
import { ConsolidationWindowError, decideDelivery, type DeliveryOption } from '../../green/delivery-options.rules.js';
import type { OrderDelivery } from '../../messaging/contracts.js';

/**
 * The region's keyed hash of a customer and a delivery address: equal for the same customer's orders to the same
 * address however it was typed (case, spacing, punctuation), useless to anyone without the region's secret. Only it
 * leaves the region, so core and fulfilment can group orders "to the same address" without ever holding one.
 */
export function consolidationKeyOf(secret: string, customerRef: string, addressParts: ReadonlyArray<string | null | undefined>): string {
  const normalised = addressParts
    .map((part) =>
      (part ?? '')
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\p{P}\p{S}]+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .join('\n');
  return createHmac('sha256', secret).update(`${customerRef}\n${normalised}`).digest('hex');
}

/**
 * What a placement records of the choice: the option, its promise and, for a consolidated order, the window and the
 * address key. A window that would break the promise is refused naming `delivery.consolidateUntil`; a region that
 * cannot tell addresses apart cannot consolidate and refuses the option.
 */
export function deliveryOfPlacement(
  at: Date,
  choice: { option: DeliveryOption; consolidateUntil?: Date | null } | null | undefined,
  consolidationKey: () => string | null,
): OrderDelivery {
  const option = choice?.option ?? 'STANDARD';
  try {
    const decided = decideDelivery(at, option, choice?.consolidateUntil ?? null);
    const key = option === 'CONSOLIDATED' ? consolidationKey() : null;
    if (option === 'CONSOLIDATED' && !key) {
      throw new DomainError('BAD_USER_INPUT', 'This region does not consolidate deliveries', { field: 'delivery.option', rule: 'INVALID' });
    }
    return {
      option,
      promisedBy: decided.promisedBy.toISOString(),
      consolidateUntil: decided.consolidateUntil?.toISOString() ?? null,
      consolidationKey: key,
    };
  } catch (error) {
    if (error instanceof ConsolidationWindowError) {
      throw new DomainError('BAD_USER_INPUT', error.message, { field: error.field.join('.'), rule: error.code });
    }
    throw error;
  }
}

import { InputValidationError } from '@hub/shared/errors';
import type { SeaAddressFields } from './sea-address.rules.js';

/** Where an order goes: an address as sent, or the number of one the customer saved. */
export type SeaDestination<A extends SeaAddressFields = SeaAddressFields> = { address: A } | { savedAddress: number };

/**
 * A mobile checkout names its destination exactly once: the address typed in, or the number of a saved one (a few
 * bytes instead of the whole address). Both, or neither, leaves unclear where the parcel goes.
 */
export function chooseQuickOrderDestination<A extends SeaAddressFields>(input: { address?: A | null; savedAddress?: number | null }): SeaDestination<A> {
  const { address, savedAddress } = input;
  const hasSaved = savedAddress !== undefined && savedAddress !== null;
  if (address && hasSaved) throw new InputValidationError('address', 'Send either address or savedAddress, not both');
  if (address) return { address };
  if (hasSaved) return { savedAddress };
  throw new InputValidationError('address', 'Send address, or savedAddress with the number of a saved address');
}

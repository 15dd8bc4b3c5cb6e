import { AddressBookFullError } from './address-book.errors.js';
import type { StoredSeaAddress } from './sea-address.rules.js';

/** Enough for home, work and family; a book that size fits one answer, and past addresses do not pile up as personal data kept for nothing. */
export const SAVED_ADDRESS_LIMIT = 20;

/** What a saved address holds besides its number, with absent parts as null. */
export type SavedAddressContent = { label: string | null } & StoredSeaAddress;

const CONTENT_KEYS: ReadonlyArray<keyof SavedAddressContent> = [
  'label',
  'recipientName',
  'recipientPhone',
  'line1',
  'line2',
  'subdistrict',
  'district',
  'city',
  'province',
  'postalCode',
  'country',
];

/** A stored entry as the book holds it: its number and content (optional parts may come back undefined). */
export type SavedAddressEntry = { number: number } & { [K in keyof SavedAddressContent]?: string | null };

/** `existing`: the same address is saved already under that number; `number`: save it under this new number. */
export type AddressSaveDecision = { existing: number } | { number: number };

/**
 * Where a new address goes in a customer's book. Numbers count up per customer and are never given again once an
 * address is forgotten, so an app still holding an old number cannot send an order to another address by it. The
 * same address with the same label, saved again (a retried request), is the entry already there, not a copy.
 */
export function decideAddressSave(book: { lastNumber: number; entries: readonly SavedAddressEntry[] }, candidate: SavedAddressContent): AddressSaveDecision {
  const same = book.entries.find((entry) => CONTENT_KEYS.every((key) => (entry[key] ?? null) === candidate[key]));
  if (same) return { existing: same.number };
  if (book.entries.length >= SAVED_ADDRESS_LIMIT) throw new AddressBookFullError(SAVED_ADDRESS_LIMIT);
  return { number: book.lastNumber + 1 };
}

import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { seaAddressProperties } from './sea-address.properties.js';

/**
 * A delivery address a SEA customer saved for later checkouts: personal data, so kept in region-sea only, and
 * deleted (not hidden) when the customer forgets it.
 */
export const SeaSavedAddress = defineEntity({
  name: 'SeaSavedAddress',
  tableName: 'sea_saved_address',
  uniques: [{ properties: ['customerRef', 'number'] }],
  properties: {
    id: p.uuid().primary(),
    customerRef: p.string().length(200),
    /** What the app sends at checkout instead of the address: a few bytes, where a UUID would cost 36. */
    number: p.integer(),
    label: p.string().length(30).nullable(),
    ...seaAddressProperties(),
    savedAt: p.datetime(),
  },
});
export type SeaSavedAddress = InferEntity<typeof SeaSavedAddress>;

/**
 * The last number given in a customer's address book. It outlives the addresses, so a forgotten address's number
 * is never given to another one; its row lock puts one customer's saves in a row.
 */
export const SeaAddressBook = defineEntity({
  name: 'SeaAddressBook',
  tableName: 'sea_address_book',
  properties: {
    customerRef: p.string().length(200).primary(),
    lastNumber: p.integer(),
  },
});
export type SeaAddressBook = InferEntity<typeof SeaAddressBook>;

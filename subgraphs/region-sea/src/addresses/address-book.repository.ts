import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SeaAddressBook } from './sea-saved-address.entity.js';

/**
 * A customer's address book, created on first use, with a row lock held until the transaction ends: two saves of
 * one customer (two devices, or a retry racing the first) then count and number one after the other.
 */
export async function lockAddressBook(em: EntityManager, customerRef: string): Promise<SeaAddressBook> {
  await em.createQueryBuilder(SeaAddressBook).insert({ customerRef, lastNumber: 0 }).onConflict('customerRef').ignore().execute('run');
  return em.findOneOrFail(SeaAddressBook, { customerRef }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '@hub/shared/auth/principal';
import { assertSeaCustomer } from '../delivery/sea-access.js';
import { SavedAddressNotFoundError } from '../rules/address-book.errors.js';
import { decideAddressSave, type SavedAddressContent } from '../rules/address-book.rules.js';
import { checkSeaAddress, storedSeaAddress, type SeaAddressFields } from '../rules/sea-address.rules.js';
import { lockAddressBook } from './address-book.repository.js';
import { SeaSavedAddress } from './sea-saved-address.entity.js';

/** A customer's saved delivery addresses: each customer reads and changes only their own (the token's subject). */
export class AddressBookService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  list(customer: Principal): Promise<SeaSavedAddress[]> {
    assertSeaCustomer(customer);
    return this.orm.em.fork().find(SeaSavedAddress, { customerRef: customer.subject }, { orderBy: { number: 'asc' } });
  }

  /** Checks the address as a placement would, then saves it under the next number, or answers the same one saved before. */
  async save(customer: Principal, label: string | null, address: SeaAddressFields): Promise<SeaSavedAddress> {
    assertSeaCustomer(customer);
    const { country, recipientPhone } = checkSeaAddress(address, 'address');
    const content: SavedAddressContent = { label, ...storedSeaAddress({ ...address, recipientPhone, country }) };
    const customerRef = customer.subject;
    return this.orm.em.fork().transactional(async (em) => {
      const book = await lockAddressBook(em, customerRef);
      const entries = await em.find(SeaSavedAddress, { customerRef });
      const decision = decideAddressSave({ lastNumber: book.lastNumber, entries }, content);
      if ('existing' in decision) return entries.find((entry) => entry.number === decision.existing)!;
      book.lastNumber = decision.number;
      const saved = em.create(SeaSavedAddress, { id: randomUUID(), customerRef, number: decision.number, ...content, savedAt: this.clock() });
      await em.flush();
      return saved;
    });
  }

  /** Deletes the address; placed orders keep their own copy. */
  async forget(customer: Principal, number: number): Promise<number> {
    assertSeaCustomer(customer);
    const deleted = await this.orm.em.fork().nativeDelete(SeaSavedAddress, { customerRef: customer.subject, number });
    if (deleted === 0) throw new SavedAddressNotFoundError('number', number);
    return number;
  }

  /** The saved address a placement copies, read for the customer the order is for. */
  readonly savedAddressOf = async (customerRef: string, number: number, field: string): Promise<SeaAddressFields> => {
    const saved = await this.orm.em.fork().findOne(SeaSavedAddress, { customerRef, number });
    if (!saved) throw new SavedAddressNotFoundError(field, number);
    return saved;
  };
}

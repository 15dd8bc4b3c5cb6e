import { DomainError } from '@hub/shared/errors';

/** The customer's address book holds as many addresses as it may; one has to be forgotten first. */
export class AddressBookFullError extends DomainError {
  constructor(readonly limit: number) {
    super('BAD_USER_INPUT', `At most ${limit} addresses can be saved; forget one before saving another`, { rule: 'SAVED_ADDRESS_LIMIT_REACHED', limit });
  }
}

/**
 * The caller has no saved address with this number: never saved, forgotten, or another customer's (which the
 * caller must not learn exists). `field` is where the number sits in the client's input.
 */
export class SavedAddressNotFoundError extends DomainError {
  constructor(
    readonly field: string,
    readonly number: number,
  ) {
    super('NOT_FOUND', `No saved address has the number ${number}`, { entity: 'SeaSavedAddress', field, id: String(number) });
  }
}

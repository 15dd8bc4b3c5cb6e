import type { PersonalDataGate } from '@hub/shared/region/personal-data.gate';
import { createPersonalFieldResolvers, type PersonalFieldBinding } from '@hub/shared/region/personal-data.resolvers';
import { DeAddress, DeCustomer } from '../orders/de-order.types.js';
import { ADDRESS_PARTS, type AddressPart, type DePersonalField } from '../rules/personal-fields.js';

const ADDRESS_PART_DESCRIPTIONS: Record<AddressPart, string> = {
  recipientName: 'Who receives the parcel or invoice.',
  street: 'Street name.',
  houseNumber: 'House number, with any suffix.',
  postalCode: 'As printed in the destination country (five digits in Germany).',
  city: 'City or town.',
  country: 'ISO 3166-1 alpha-2 code of an EU member state.',
};

const nullable = (field: DePersonalField, description?: string): PersonalFieldBinding<DePersonalField> => ({
  field,
  nullable: true,
  ...(description ? { description } : {}),
});

/** `DeCustomer` and `DeAddress`: every field through the shared gate; one `DeAddress` type serves both addresses. */
export function createPersonalDataResolvers(gate: PersonalDataGate<DePersonalField>) {
  return [
    createPersonalFieldResolvers(DeCustomer, gate, {
      name: nullable('customer.name', 'The buyer and invoice recipient.'),
      email: nullable('customer.email', 'For the order confirmation and delivery notices.'),
      phone: nullable('customer.phone', 'Null when the customer gave none.'),
      dateOfBirth: nullable('customer.dateOfBirth', 'Collected only for age-restricted goods.'),
      vatId: nullable('customer.vatId', "A business buyer's VAT ID."),
    }),
    createPersonalFieldResolvers<DePersonalField, DeAddress>(
      DeAddress,
      gate,
      Object.fromEntries(
        ADDRESS_PARTS.map((part) => [
          part,
          { field: (address: DeAddress) => `${address.group}.${part}` as const, nullable: true, description: ADDRESS_PART_DESCRIPTIONS[part] },
        ]),
      ),
    ),
  ] as const;
}

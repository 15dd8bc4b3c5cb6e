import type { RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { DeRestrictedInvoiceData } from '../erasure/de-restricted-invoice-data.entity.js';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import type { AddressPart, DePersonalField } from '../rules/personal-fields.js';

/** An order's personal data where it lives: operational (contact) or, after erasure, restricted invoice data. */
export interface PersonalDataSource {
  contact: DeOrderContact | null;
  restricted: DeRestrictedInvoiceData | null;
}

export async function loadPersonalData(context: RequestContext, orm: MikroORM, orderId: string): Promise<PersonalDataSource> {
  const [contact, restricted] = await Promise.all([
    loadByOrderId(context, orm, DeOrderContact, orderId),
    loadByOrderId(context, orm, DeRestrictedInvoiceData, orderId),
  ]);
  return { contact, restricted };
}

export const hasPersonalData = (source: PersonalDataSource): boolean => source.contact !== null || source.restricted !== null;

type Address = Record<AddressPart, string>;

export const shippingAddressOf = (c: DeOrderContact): Address => ({
  recipientName: c.recipientName, street: c.street, houseNumber: c.houseNumber, postalCode: c.postalCode, city: c.city, country: c.country,
});

/** The address the invoice shows: the separate billing address when one was given, else the shipping address. */
export function invoiceAddressOf(c: DeOrderContact): Address {
  if (!c.billingStreet) return shippingAddressOf(c);
  return {
    recipientName: c.billingRecipientName ?? '', street: c.billingStreet, houseNumber: c.billingHouseNumber ?? '',
    postalCode: c.billingPostalCode ?? '', city: c.billingCity ?? '', country: c.billingCountry ?? '',
  };
}

export function contactValue(c: DeOrderContact, field: DePersonalField): string | null {
  const [group, part] = field.split('.') as [string, string];
  if (group === 'shippingAddress') return shippingAddressOf(c)[part as AddressPart];
  if (group === 'invoiceAddress') return invoiceAddressOf(c)[part as AddressPart];
  const customer: Record<string, string | null> = {
    name: c.customerName, email: c.customerEmail, phone: c.customerPhone ?? null, dateOfBirth: c.dateOfBirth ?? null, vatId: c.vatId ?? null,
  };
  return customer[part] ?? null;
}

/** Restricted data holds only what invoices keep; every other field was erased. */
export function restrictedValue(r: DeRestrictedInvoiceData, field: DePersonalField): string | null {
  if (field === 'customer.name') return r.customerName;
  if (field === 'customer.vatId') return r.vatId ?? null;
  const [group, part] = field.split('.') as [string, AddressPart];
  return group === 'invoiceAddress' ? r[part] : null;
}

export function readPersonalValue(source: PersonalDataSource, field: DePersonalField): string | null {
  if (source.contact) return contactValue(source.contact, field);
  return source.restricted ? restrictedValue(source.restricted, field) : null;
}

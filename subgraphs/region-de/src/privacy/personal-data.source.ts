import { loadBatched, type RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { held, type PersonalDataSource, type StoredField } from '@hub/shared/region/personal-data.gate';
import { loadByOrderId } from '@hub/shared/region/regional-order.loader';
import { DePrivacyLog } from '../erasure/de-privacy-log.entity.js';
import { DeRestrictedInvoiceData } from '../erasure/de-restricted-invoice-data.entity.js';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { loadRestrictionInForceForOrder } from '../restriction/restriction-in-force.js';
import { isRetainedForInvoices, type AddressPart, type DePersonalField } from '../rules/personal-fields.js';
import { hasOpenCaseForCaller } from '../support/open-case.loader.js';

/**
 * An order's personal data where it lives: operational (contact) or, after erasure, restricted invoice data;
 * which fields erasure or the retention job removed, as the privacy log records them; and whether the customer
 * restricted processing (art. 18), which restricts the operational data too.
 */
export interface PersonalDataRecord {
  contact: DeOrderContact | null;
  restrictedOnRequest: boolean;
  restricted: DeRestrictedInvoiceData | null;
  erased: ReadonlySet<string>;
}

export async function loadPersonalData(context: RequestContext, orm: MikroORM, orderId: string): Promise<PersonalDataRecord> {
  const [contact, restricted, erased, restrictedOnRequest] = await Promise.all([
    loadByOrderId(context, orm, DeOrderContact, orderId),
    loadByOrderId(context, orm, DeRestrictedInvoiceData, orderId),
    loadErasedFields(context, orm, orderId),
    loadRestrictionInForceForOrder(context, orm, orderId),
  ]);
  return { contact, restricted, erased, restrictedOnRequest };
}

/** The fields erasure (`ERASED`) or the end of retention (`DELETED`) removed from an order, batched per request. */
function loadErasedFields(context: RequestContext, orm: MikroORM, orderId: string): Promise<ReadonlySet<string>> {
  return loadBatched<string, ReadonlySet<string>>(
    context,
    'de-erased-fields',
    async (orderIds) => {
      const rows = await orm.em
        .fork()
        .find(DePrivacyLog, { orderId: { $in: [...orderIds] }, action: { $in: ['ERASED', 'DELETED'] } }, { fields: ['orderId', 'fields'] });
      return orderIds.map((id) => new Set(rows.filter((row) => row.orderId === id).flatMap((row) => row.fields)));
    },
    orderId,
  );
}

/** Whether an order has, or had, personal data: its objects in the schema exist so their fields can say what happened. */
export const hasPersonalData = (record: PersonalDataRecord): boolean => record.contact !== null || record.restricted !== null || record.erased.size > 0;

type Address = Record<AddressPart, string>;

export const shippingAddressOf = (c: DeOrderContact): Address => ({
  recipientName: c.recipientName,
  street: c.street,
  houseNumber: c.houseNumber,
  postalCode: c.postalCode,
  city: c.city,
  country: c.country,
});

/** The address the invoice shows: the separate billing address when one was given, else the shipping address. */
export function invoiceAddressOf(c: DeOrderContact): Address {
  if (!c.billingStreet) return shippingAddressOf(c);
  return {
    recipientName: c.billingRecipientName ?? '',
    street: c.billingStreet,
    houseNumber: c.billingHouseNumber ?? '',
    postalCode: c.billingPostalCode ?? '',
    city: c.billingCity ?? '',
    country: c.billingCountry ?? '',
  };
}

export function contactValue(c: DeOrderContact, field: DePersonalField): string | null {
  const [group, part] = field.split('.') as [string, string];
  if (group === 'shippingAddress') return shippingAddressOf(c)[part as AddressPart];
  if (group === 'invoiceAddress') return invoiceAddressOf(c)[part as AddressPart];
  const customer: Record<string, string | null> = {
    name: c.customerName,
    email: c.customerEmail,
    phone: c.customerPhone ?? null,
    dateOfBirth: c.dateOfBirth ?? null,
    vatId: c.vatId ?? null,
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

/** A field's state: held (operational, restricted on the customer's request, or restricted after erasure), erased, or never given. */
export function storedField(record: PersonalDataRecord, field: DePersonalField): StoredField {
  if (record.contact) return held(contactValue(record.contact, field), record.restrictedOnRequest);
  if (record.restricted && isRetainedForInvoices(field)) return held(restrictedValue(record.restricted, field), true);
  return record.erased.has(field) ? { state: 'ERASED' } : held(null);
}

/** region-de's personal data for the shared gate. */
export const dePersonalDataSource = (orm: MikroORM): PersonalDataSource<DePersonalField> => ({
  read: async (context, orderId, field) => storedField(await loadPersonalData(context, orm, orderId), field),
  openCaseForCaller: (context, orderId) => hasOpenCaseForCaller(context, orm, orderId),
});

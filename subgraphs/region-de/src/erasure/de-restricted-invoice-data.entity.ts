import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { RETENTION_CLASSES } from '../rules/retention.rules.js';

/**
 * What an erased order's invoice must still show, kept apart from operational data and readable only by
 * tax auditors (GDPR art. 18 restriction) until the retention job deletes it when its period ends.
 */
export const DeRestrictedInvoiceData = defineEntity({
  name: 'DeRestrictedInvoiceData',
  tableName: 'de_restricted_invoice_data',
  properties: {
    orderId: p.uuid().primary(),
    customerRef: p.string().length(200).index(),
    customerName: p.string().length(100),
    vatId: p.string().length(16).nullable(),
    recipientName: p.string().length(100),
    street: p.string().length(200),
    houseNumber: p.string().length(20),
    postalCode: p.string().length(10),
    city: p.string().length(100),
    country: p.string().length(2),
    /** The German date the invoice was created; its retention counts from the end of that year. */
    documentDate: p.date().index(),
    retentionClass: p.enum(Object.keys(RETENTION_CLASSES) as Array<keyof typeof RETENTION_CLASSES>),
    restrictedAt: p.datetime(),
  },
});
export type DeRestrictedInvoiceData = InferEntity<typeof DeRestrictedInvoiceData>;

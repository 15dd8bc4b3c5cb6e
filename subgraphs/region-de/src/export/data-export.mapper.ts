import type { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import type { DeMarketingConsentEvent } from '../consent/de-marketing-consent-event.entity.js';
import type { DeRestrictedInvoiceData } from '../erasure/de-restricted-invoice-data.entity.js';
import type { DeOrderContact } from '../orders/de-order-contact.entity.js';
import type { DeProcessingRestriction } from '../restriction/de-processing-restriction.entity.js';
import { RESTRICTION_GROUND_RULES } from '../rules/restriction.rules.js';
import { invoiceAddressOf, shippingAddressOf } from '../privacy/personal-data.source.js';
import { retentionEndsOn } from '../rules/retention.rules.js';
import type { DeOrderVat } from '../vat/de-order-vat.entity.js';

export const EXPORT_FORMAT = 'hub.region-de.personal-data-export';

export interface ExportSources {
  customerRef: string;
  exportedAt: Date;
  orders: RegionalOrder[];
  contacts: Map<string, DeOrderContact>;
  vat: Map<string, DeOrderVat>;
  restricted: DeRestrictedInvoiceData[];
  consentEvents: DeMarketingConsentEvent[];
  restrictions: DeProcessingRestriction[];
}

/**
 * The customer's data in a structured, machine-readable form: what they provided (contact, addresses, order
 * lines, consents) and what was derived from it for their orders (GDPR art. 20(1)), and the invoice data kept
 * after erasure under a retention duty, with its values, its period and its legal basis: art. 20 does not reach
 * data processed on a legal obligation, but the right of access does (art. 15(1), (3)), restriction or not; and
 * the restrictions of processing the customer asked for, with their grounds and lifts (art. 18).
 */
export function buildDataExport(sources: ExportSources): Record<string, unknown> {
  return {
    format: EXPORT_FORMAT,
    version: 1,
    legalBasis: 'Art. 15(3), art. 20 GDPR',
    exportedAt: sources.exportedAt.toISOString(),
    customerRef: sources.customerRef,
    orders: sources.orders.map((order) => {
      const contact = sources.contacts.get(order.orderId);
      const vat = sources.vat.get(order.orderId);
      const request = order.registrationRequest;
      return {
        orderId: order.orderId,
        orderNumber: order.orderNumber ?? null,
        placedAt: order.createdAt.toISOString(),
        status: order.status ?? null,
        channel: request.channel,
        currency: request.currency,
        lines: request.lines.map((line, index) => ({ lineNo: index + 1, ...line })),
        shippingTotal: request.shippingTotal,
        discountTotal: request.discountTotal,
        customer: contact
          ? {
              name: contact.customerName,
              email: contact.customerEmail,
              phone: contact.customerPhone ?? null,
              dateOfBirth: contact.dateOfBirth ?? null,
              vatId: contact.vatId ?? null,
            }
          : null,
        shippingAddress: contact ? shippingAddressOf(contact) : null,
        invoiceAddress: contact?.billingStreet ? invoiceAddressOf(contact) : null,
        vat: vat
          ? {
              scheme: vat.scheme,
              taxCountry: vat.taxCountry ?? null,
              ratePercent: vat.rateBp / 100,
              lines: vat.lines,
              netTotal: vat.netTotal,
              vatTotal: vat.vatTotal,
            }
          : null,
      };
    }),
    marketingConsents: sources.consentEvents.map((event) => ({
      channel: event.channel,
      action: event.action,
      wordingVersion: event.wordingVersion ?? null,
      recordedAt: event.recordedAt.toISOString(),
    })),
    processingRestrictions: sources.restrictions.map((restriction) => ({
      ground: restriction.ground,
      legalBasis: RESTRICTION_GROUND_RULES[restriction.ground].legalBasis,
      requestedAt: restriction.requestedAt.toISOString(),
      note: restriction.note ?? null,
      liftedAt: restriction.liftedAt?.toISOString() ?? null,
      liftReason: restriction.liftReason ?? null,
    })),
    retainedUnderLegalObligation: sources.restricted.map((record) => ({
      orderId: record.orderId,
      customer: { name: record.customerName, vatId: record.vatId ?? null },
      invoiceAddress: {
        recipientName: record.recipientName,
        street: record.street,
        houseNumber: record.houseNumber,
        postalCode: record.postalCode,
        city: record.city,
        country: record.country,
      },
      invoiceDate: record.documentDate,
      retainedUntil: retentionEndsOn(record.documentDate, record.retentionClass),
      legalBasis: 'Art. 17(3)(b), art. 18 GDPR; §14b UStG, §147 AO, §257 HGB',
    })),
  };
}

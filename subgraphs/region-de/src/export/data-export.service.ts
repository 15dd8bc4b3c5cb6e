import type { RequestContext } from '@hub/shared/graphql/context';
import type { MikroORM } from '@hub/shared/persistence/orm';
import { accessLogOf } from '@hub/shared/region/personal-data.access-log';
import { RegionalOrder } from '@hub/shared/region/regional-order.entity';
import { DeMarketingConsentEvent } from '../consent/de-marketing-consent-event.entity.js';
import { DeRestrictedInvoiceData } from '../erasure/de-restricted-invoice-data.entity.js';
import { DeOrderContact } from '../orders/de-order-contact.entity.js';
import { DeProcessingRestriction } from '../restriction/de-processing-restriction.entity.js';
import { DE_PERSONAL_FIELDS, INVOICE_RETAINED_FIELDS } from '../rules/personal-fields.js';
import { DeOrderVat } from '../vat/de-order-vat.entity.js';
import { buildDataExport } from './data-export.mapper.js';

/** Exports the calling customer's own data, restricted invoice data included (art. 15); every read is recorded like any other. */
export class DataExportService {
  constructor(
    private readonly orm: MikroORM,
    private readonly clock: () => Date,
  ) {}

  async exportFor(context: RequestContext): Promise<Record<string, unknown>> {
    const customerRef = context.principal.subject;
    const em = this.orm.em.fork();
    const orders = await em.find(RegionalOrder, { customerRef }, { orderBy: { createdAt: 'asc' } });
    const orderIds = orders.map((order) => order.orderId);
    const contacts = await em.find(DeOrderContact, { orderId: { $in: orderIds } });
    const vat = await em.find(DeOrderVat, { orderId: { $in: orderIds } });
    const restricted = await em.find(DeRestrictedInvoiceData, { customerRef });
    const consentEvents = await em.find(DeMarketingConsentEvent, { customerRef }, { orderBy: { id: 'asc' } });
    const restrictions = await em.find(DeProcessingRestriction, { customerRef }, { orderBy: { requestedAt: 'asc', id: 'asc' } });
    const read = (orderId: string, fields: Iterable<string>) => [...fields].map((field) => ({ orderId, field, disclosure: 'FULL' as const, reason: null }));
    await accessLogOf(context, this.orm, this.clock).record(
      ...contacts.flatMap((contact) => read(contact.orderId, DE_PERSONAL_FIELDS)),
      ...restricted.flatMap((record) => read(record.orderId, INVOICE_RETAINED_FIELDS)),
    );
    return buildDataExport({
      customerRef,
      exportedAt: this.clock(),
      orders,
      restricted,
      consentEvents,
      restrictions,
      contacts: new Map(contacts.map((row) => [row.orderId, row])),
      vat: new Map(vat.map((row) => [row.orderId, row])),
    });
  }
}

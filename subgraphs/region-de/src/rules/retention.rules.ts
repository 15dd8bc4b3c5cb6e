import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { berlinDate, yearOf, type IsoDate } from './calendar.rules.js';

/**
 * Statutory retention periods of the documents region-de keeps personal data for, as amended by the
 * Bürokratieentlastungsgesetz IV (in force 1 January 2025): booking vouchers, invoices included, 8 years;
 * books, inventories and annual accounts 10 years.
 */
export const RETENTION_CLASSES = {
  INVOICE: {
    years: 8,
    legalBasis: 'Art. 17(3)(b) GDPR with §14b(1) UStG, §147(1) Nr. 4, (3) AO and §257(1) Nr. 4, (4) HGB: invoices and booking vouchers are kept 8 years',
  },
  BOOKS: {
    years: 10,
    legalBasis: 'Art. 17(3)(b) GDPR with §147(1) Nr. 1, (3) AO and §257(1) Nr. 1, (4) HGB: books and annual accounts are kept 10 years',
  },
} as const;
export type RetentionClass = keyof typeof RETENTION_CLASSES;

/** The shortest period: a record younger than this many calendar years cannot be due. */
export const SHORTEST_RETENTION_YEARS = Math.min(...Object.values(RETENTION_CLASSES).map((c) => c.years));

/**
 * The last day of retention: the period starts at the end of the calendar year in which the document was
 * created (§147(4) AO, §257(5) HGB), so an invoice of 10 March 2026 is kept until 31 December 2034.
 */
export function retentionEndsOn(documentDate: IsoDate, retentionClass: RetentionClass): IsoDate {
  return `${yearOf(documentDate) + RETENTION_CLASSES[retentionClass].years}-12-31`;
}

/** One step of an order's timeline, as region-de's copy of it records. */
export interface TimelineStep {
  toStatus: OrderStatus;
  at: Date;
}

/**
 * The German date of the newest booking document that names the buyer, from which retention counts (§14b(1)
 * S. 3 UStG, §147(4) AO: from the end of the year the document was issued): the invoice, issued when the order
 * is first paid, or a later credit note for a refund. Null when the order was never paid: no invoice exists.
 * Other changes (delivery, a return request) issue no document and move nothing.
 */
export function invoiceDocumentDate(timeline: readonly TimelineStep[]): IsoDate | null {
  const paid = timeline.filter((step) => step.toStatus === 'PAID').map((step) => step.at.getTime());
  if (paid.length === 0) return null;
  const refunds = timeline.filter((step) => step.toStatus === 'REFUNDED').map((step) => step.at.getTime());
  return berlinDate(new Date(Math.max(Math.min(...paid), ...refunds)));
}

export interface RetainedRecord {
  orderId: string;
  documentDate: IsoDate;
  retentionClass: RetentionClass;
}

export interface DueDeletion {
  orderId: string;
  retentionEndedOn: IsoDate;
  legalBasis: string;
}

/**
 * Which restricted records must now be deleted: those whose retention period ended before today's German
 * date (art. 17(1)(a) GDPR once art. 17(3)(b) no longer applies; §35(3) BDSG). A pure function of the clock
 * and the records, so the retention job can be tested at any simulated date.
 */
export function selectDueForDeletion(now: Date, records: readonly RetainedRecord[]): DueDeletion[] {
  const today = berlinDate(now);
  return records
    .map((record) => ({ record, endsOn: retentionEndsOn(record.documentDate, record.retentionClass) }))
    .filter(({ endsOn }) => endsOn < today)
    .map(({ record, endsOn }) => ({
      orderId: record.orderId,
      retentionEndedOn: endsOn,
      legalBasis: `Art. 17(1)(a) GDPR, §35(3) BDSG: retention under ${record.retentionClass === 'INVOICE' ? '§14b UStG, §147 AO, §257 HGB' : '§147 AO, §257 HGB'} ended on ${endsOn}`,
    }));
}

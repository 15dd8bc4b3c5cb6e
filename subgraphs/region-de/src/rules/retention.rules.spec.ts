import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { invoiceDocumentDate, retentionEndsOn, selectDueForDeletion, type RetainedRecord } from './retention.rules.js';

const invoice = (orderId: string, documentDate: string): RetainedRecord => ({ orderId, documentDate, retentionClass: 'INVOICE' });
const books = (orderId: string, documentDate: string): RetainedRecord => ({ orderId, documentDate, retentionClass: 'BOOKS' });

describe('retentionEndsOn', () => {
  it.each([
    ['2026-03-10', 'INVOICE', '2034-12-31'],
    ['2026-12-31', 'INVOICE', '2034-12-31'],
    ['2027-01-01', 'INVOICE', '2035-12-31'],
    ['2026-03-10', 'BOOKS', '2036-12-31'],
  ] as const)('a document of %s (%s) is kept until %s', (documentDate, retentionClass, endsOn) => {
    expect(retentionEndsOn(documentDate, retentionClass)).toBe(endsOn);
  });
});

describe('selectDueForDeletion at simulated dates', () => {
  const records = [invoice('jan-2026', '2026-01-02'), invoice('dec-2026', '2026-12-31'), invoice('jan-2027', '2027-01-01'), books('books-2026', '2026-05-05')];
  it.each([
    ['2030-06-01T12:00:00Z', []],
    ['2034-12-31T22:59:59Z', []], // 23:59:59 on 31 December 2034 in Germany: still within the period
    ['2034-12-31T23:00:00Z', ['jan-2026', 'dec-2026']], // midnight in Germany: the 2026 invoices are due
    ['2035-12-31T22:59:59Z', ['jan-2026', 'dec-2026']],
    ['2035-12-31T23:00:00Z', ['jan-2026', 'dec-2026', 'jan-2027']],
    ['2036-12-31T23:00:00Z', ['jan-2026', 'dec-2026', 'jan-2027', 'books-2026']],
  ])('at %s: %j', (now, due) => {
    expect(selectDueForDeletion(new Date(now), records).map((d) => d.orderId)).toEqual(due);
  });

  it('states the legal reason and the day retention ended', () => {
    expect(selectDueForDeletion(new Date('2035-01-01T00:00:00Z'), [invoice('o-1', '2026-03-10')])).toEqual([
      {
        orderId: 'o-1',
        retentionEndedOn: '2034-12-31',
        legalBasis: 'Art. 17(1)(a) GDPR, §35(3) BDSG: retention under §14b UStG, §147 AO, §257 HGB ended on 2034-12-31',
      },
    ]);
  });
});

describe('retention counts from the end of the year the invoice (or a later credit note) was issued', () => {
  const step = (toStatus: OrderStatus, at: string) => ({ toStatus, at: new Date(at) });
  it.each<[string, Array<ReturnType<typeof step>>, string | null, string | null]>([
    ['never paid: no invoice', [step('CREATED', '2026-03-01T10:00:00Z'), step('CANCELLED', '2026-03-02T10:00:00Z')], null, null],
    [
      'paid in March, delivered in April',
      [step('CREATED', '2026-03-01T10:00:00Z'), step('PAID', '2026-03-01T10:05:00Z'), step('SIGNED', '2026-04-02T10:00:00Z')],
      '2026-03-01',
      '2034-12-31',
    ],
    [
      'paid in December, delivered and returned-rejected in January: the invoice year counts, not the last change',
      [step('PAID', '2026-12-20T10:00:00Z'), step('SIGNED', '2027-01-05T10:00:00Z'), step('RETURN_REJECTED', '2027-02-01T10:00:00Z')],
      '2026-12-20',
      '2034-12-31',
    ],
    ['paid at 00:30 on 1 January in Germany: the new year', [step('PAID', '2026-12-31T23:30:00Z')], '2027-01-01', '2035-12-31'],
    [
      'paid in 2026, refunded in 2027: the credit note names the buyer too',
      [step('PAID', '2026-11-01T10:00:00Z'), step('REFUNDED', '2027-01-10T10:00:00Z')],
      '2027-01-10',
      '2035-12-31',
    ],
    [
      'paid twice (after a failed capture): the first payment issued the invoice',
      [step('PAID', '2026-06-01T10:00:00Z'), step('PAID', '2027-01-03T10:00:00Z')],
      '2026-06-01',
      '2034-12-31',
    ],
  ])('%s', (_label, timeline, documentDate, keptUntil) => {
    expect(invoiceDocumentDate(timeline)).toBe(documentDate);
    expect(documentDate && retentionEndsOn(documentDate, 'INVOICE')).toBe(keptUntil);
  });
});

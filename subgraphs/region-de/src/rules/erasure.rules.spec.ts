import type { OrderStatus } from '@hub/shared/messaging/contracts';
import { planErasure } from './erasure.rules.js';

describe('planErasure', () => {
  it.each<[OrderStatus | null, boolean, string, number]>([
    [null, false, 'DEFER', 0],
    ['CREATED', false, 'DEFER', 0],
    ['PAID', true, 'DEFER', 0],
    ['OUT_FOR_DELIVERY', true, 'DEFER', 0],
    ['RETURN_REQUESTED', true, 'DEFER', 0],
    ['CANCELLED', false, 'ERASE', 0], // never paid: no invoice, nothing kept
    ['CANCELLED', true, 'ERASE', 8],
    ['SIGNED', true, 'ERASE', 8],
    ['REFUNDED', true, 'ERASE', 8],
    ['RETURN_REJECTED', true, 'ERASE', 8],
  ])('status %s, paid %s → %s, keeping %i fields', (status, everPaid, kind, retained) => {
    const plan = planErasure({ status, everPaid });
    expect(plan.kind).toBe(kind);
    if (plan.kind === 'ERASE') expect(plan.retain).toHaveLength(retained);
  });

  it('keeps what an invoice shows, restricted, and erases the rest', () => {
    const plan = planErasure({ status: 'SIGNED', everPaid: true });
    expect(plan).toMatchObject({
      kind: 'ERASE',
      retentionClass: 'INVOICE',
      retain: [
        'customer.name',
        'customer.vatId',
        'invoiceAddress.recipientName',
        'invoiceAddress.street',
        'invoiceAddress.houseNumber',
        'invoiceAddress.postalCode',
        'invoiceAddress.city',
        'invoiceAddress.country',
      ],
      erase: [
        'customer.email',
        'customer.phone',
        'customer.dateOfBirth',
        'shippingAddress.recipientName',
        'shippingAddress.street',
        'shippingAddress.houseNumber',
        'shippingAddress.postalCode',
        'shippingAddress.city',
        'shippingAddress.country',
      ],
    });
  });
});

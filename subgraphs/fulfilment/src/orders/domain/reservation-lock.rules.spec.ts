import type { OrderRuleFacts, OrderStatus } from '@hub/shared/messaging/contracts';
import { reservationLockOf } from './reservation-lock.rules.js';

const facts = (lock: Partial<OrderRuleFacts['inventoryLock']> = {}, paymentTerms: OrderRuleFacts['paymentTerms'] = 'PREPAID'): OrderRuleFacts => ({
  customerSegment: 'consumer',
  originCountry: 'DE',
  destinationCountry: 'DE',
  paymentTerms,
  itemsTotal: 1_000,
  shippingTotal: 0,
  grandTotal: 1_000,
  discountTotal: 0,
  payableTotal: 1_000,
  lines: [],
  inventoryLock: { holdMinutes: 30, onShortage: null, versions: [], ...lock },
});
const takenAt = new Date('2026-11-11T00:00:00Z');

describe('reservationLockOf', () => {
  it.each<[string, OrderRuleFacts | undefined, OrderStatus, string | null, string | null]>([
    ['no order rules: kept until paid or cancelled', undefined, 'CREATED', null, null],
    ['an unpaid prepaid order: the rule minutes from taking it', facts(), 'CREATED', '2026-11-11T00:30:00.000Z', null],
    ['no lock rule matched', facts({ holdMinutes: null }), 'CREATED', null, null],
    ['cash on delivery is paid at the door', facts({}, 'CASH_ON_DELIVERY'), 'CREATED', null, null],
    ['already paid (a held order released after payment)', facts(), 'PAID', null, null],
    ['the order carries its shortage policy', facts({ holdMinutes: 0, onShortage: 'REFUSE' }), 'CREATED', '2026-11-11T00:00:00.000Z', 'REFUSE'],
    ['a shortage policy without minutes', facts({ holdMinutes: null, onShortage: 'BACKORDER' }), 'CREATED', null, 'BACKORDER'],
  ])('%s', (_label, given, status, until, onShortage) => {
    const lock = reservationLockOf(given, status, takenAt);
    expect({ reserveUntil: lock.reserveUntil?.toISOString() ?? null, onShortage: lock.onShortage }).toEqual({ reserveUntil: until, onShortage });
  });
});

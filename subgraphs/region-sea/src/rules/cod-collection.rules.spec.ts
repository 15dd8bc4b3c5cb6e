import { decideCodCollection, decideDeliveryRefusal, type DoorstepFacts } from './cod-collection.rules.js';

const cod: DoorstepFacts = { status: 'OUT_FOR_DELIVERY', payment: { method: 'COD', amountDue: 250_000 }, collection: null, refusal: null };
const report = { courierId: 'rider-1', amount: 250_000 };

describe('decideCodCollection', () => {
  it.each([
    ['out for delivery', cod, report, 'record'],
    ['already signed', { ...cod, status: 'SIGNED' }, report, 'record'],
    ['the same report again', { ...cod, collection: { courierId: 'rider-1', amount: 250_000 } }, report, 'already-recorded'],
  ] as const)('%s → %s', (_label, facts, input, expected) => {
    expect(decideCodCollection(facts, input)).toBe(expected);
  });

  it.each([
    ['a prepaid order', { ...cod, payment: { method: 'CARD', amountDue: 250_000 } }, report, 'BAD_USER_INPUT', 'orderId', 'NOT_CASH_ON_DELIVERY'],
    ['an order without payment record', { ...cod, payment: null }, report, 'BAD_USER_INPUT', 'orderId', 'NOT_CASH_ON_DELIVERY'],
    ['a short amount', cod, { ...report, amount: 200_000 }, 'BAD_USER_INPUT', 'amount', 'COD_AMOUNT_MISMATCH'],
    ['an order still in the warehouse', { ...cod, status: 'PACKED' }, report, 'CONFLICT', 'orderId', 'NOT_OUT_FOR_DELIVERY'],
    ['an order region-sea has no status for yet', { ...cod, status: null }, report, 'CONFLICT', 'orderId', 'NOT_OUT_FOR_DELIVERY'],
    ['a refused order', { ...cod, refusal: { courierId: 'rider-1', reason: 'CANNOT_PAY' } }, report, 'CONFLICT', 'orderId', 'DELIVERY_REFUSED'],
    ['a second, different report', { ...cod, collection: { courierId: 'rider-2', amount: 250_000 } }, report, 'CONFLICT', 'orderId', 'COD_ALREADY_COLLECTED'],
  ] as const)('refuses %s with %s', (_label, facts, input, code, field, rule) => {
    expect(() => decideCodCollection(facts as DoorstepFacts, input)).toThrow(
      expect.objectContaining({ code, details: expect.objectContaining({ field, rule }) }),
    );
  });
});

describe('decideDeliveryRefusal', () => {
  const refusal = { courierId: 'rider-1', reason: 'CHANGED_MIND' };
  it.each([
    ['out for delivery', cod, 'record'],
    ['the same report again', { ...cod, refusal }, 'already-recorded'],
  ] as const)('%s → %s', (_label, facts, expected) => {
    expect(decideDeliveryRefusal(facts, refusal)).toBe(expected);
  });

  it.each([
    ['a delivered order', { ...cod, status: 'SIGNED' }, 'NOT_OUT_FOR_DELIVERY'],
    ['an order not yet dispatched', { ...cod, status: 'PAID' }, 'NOT_OUT_FOR_DELIVERY'],
    ['an order whose cash was collected', { ...cod, collection: { courierId: 'rider-1', amount: 250_000 } }, 'COD_ALREADY_COLLECTED'],
    ['a second refusal with another reason', { ...cod, refusal: { ...refusal, reason: 'DAMAGED_PARCEL' } }, 'DELIVERY_REFUSED'],
  ] as const)('refuses %s (%s)', (_label, facts, rule) => {
    expect(() => decideDeliveryRefusal(facts as DoorstepFacts, refusal)).toThrow(
      expect.objectContaining({ code: 'CONFLICT', details: expect.objectContaining({ rule }) }),
    );
  });
});

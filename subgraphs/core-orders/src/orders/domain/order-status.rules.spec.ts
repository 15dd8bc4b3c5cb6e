import { ORDER_STATUSES, type OrderStatus } from '@hub/shared/messaging/contracts';
import { allowedTransitions, assertCanTransition, InvalidStatusTransitionError, roleMayMove } from './order-status.rules.js';

describe('order status transitions', () => {
  const happyPath: OrderStatus[] = ['CREATED', 'PAID', 'PICKED', 'PACKED', 'OUTBOUND', 'FIRST_SCAN', 'OUT_FOR_DELIVERY', 'SIGNED'];

  it.each(happyPath.slice(0, -1).map((from, i) => [from, happyPath[i + 1]!]))('%s → %s is legal', (from, to) => {
    expect(() => assertCanTransition(from, to)).not.toThrow();
  });

  it.each([
    ['CREATED', 'SIGNED'],
    ['SIGNED', 'PAID'],
    ['CANCELLED', 'PAID'],
    ['OUTBOUND', 'CANCELLED'],
    ['RETURN_PICKED_UP', 'REFUNDED'],
    ['PAID', 'PAID'],
  ] as const)('%s → %s is rejected with a typed error', (from, to) => {
    expect(() => assertCanTransition(from, to)).toThrow(InvalidStatusTransitionError);
    try {
      assertCanTransition(from, to);
    } catch (error) {
      expect((error as InvalidStatusTransitionError).code).toBe('INVALID_STATUS_TRANSITION');
      expect((error as InvalidStatusTransitionError).details).toMatchObject({ from, to });
    }
  });

  it('walks the return flow and allows a second return after a refund', () => {
    const returnFlow: OrderStatus[] = [
      'SIGNED',
      'RETURN_REQUESTED',
      'RETURN_PICKUP_SCHEDULED',
      'RETURN_PICKED_UP',
      'RETURN_RECEIVED',
      'REFUNDED',
      'RETURN_REQUESTED',
    ];
    returnFlow.slice(1).forEach((to, i) => expect(() => assertCanTransition(returnFlow[i]!, to)).not.toThrow());
  });

  it.each([
    ['CREATED', 'PICKED', 'CASH_ON_DELIVERY', true],
    ['CREATED', 'PAID', 'CASH_ON_DELIVERY', false],
    ['CREATED', 'CANCELLED', 'CASH_ON_DELIVERY', true],
    ['CREATED', 'PICKED', 'PREPAID', false],
    ['CREATED', 'PAID', 'PREPAID', true],
    ['PICKED', 'PACKED', 'CASH_ON_DELIVERY', true],
  ] as const)('%s → %s with %s terms: %s', (from, to, terms, legal) => {
    expect(allowedTransitions(from, terms).includes(to)).toBe(legal);
  });

  it('takes a return back without door pickup (sent or dropped off by the customer)', () => {
    expect(() => assertCanTransition('RETURN_REQUESTED', 'RETURN_RECEIVED')).not.toThrow();
  });

  it('sends a parcel refused at the door back to the warehouse', () => {
    expect(() => assertCanTransition('OUT_FOR_DELIVERY', 'DELIVERY_REFUSED')).not.toThrow();
    expect(() => assertCanTransition('DELIVERY_REFUSED', 'RETURNED_TO_SENDER')).not.toThrow();
    expect(() => assertCanTransition('DELIVERY_REFUSED', 'SIGNED')).toThrow(InvalidStatusTransitionError);
  });

  it('has no transitions out of CANCELLED and a target list for every status', () => {
    expect(allowedTransitions('CANCELLED')).toEqual([]);
    for (const status of ORDER_STATUSES) {
      for (const to of allowedTransitions(status)) expect(ORDER_STATUSES).toContain(to);
    }
  });

  it.each([
    ['carrier', 'OUT_FOR_DELIVERY', 'SIGNED', true],
    ['carrier', 'CREATED', 'PAID', false],
    ['customer', 'CREATED', 'CANCELLED', true],
    ['customer', 'CREATED', 'PAID', false],
    ['auditor', 'CREATED', 'CANCELLED', false],
    ['operator', 'PACKED', 'OUTBOUND', true],
    ['operator', 'SIGNED', 'RETURN_REQUESTED', false],
    ['admin', 'RETURN_RECEIVED', 'REFUNDED', false],
    ['carrier', 'RETURN_PICKUP_SCHEDULED', 'RETURN_PICKED_UP', false],
    ['service', 'RETURN_RECEIVED', 'REFUNDED', true],
    ['warehouse', 'PAID', 'PICKED', true],
    ['warehouse', 'CREATED', 'PICKED', true],
    ['carrier', 'OUT_FOR_DELIVERY', 'DELIVERY_REFUSED', true],
    ['warehouse', 'DELIVERY_REFUSED', 'RETURNED_TO_SENDER', true],
  ] as const)('%s moving %s → %s: %s', (role, from, to, expected) => {
    expect(roleMayMove(role, from, to)).toBe(expected);
  });
});

import { DomainError } from '@hub/shared/errors';
import { consentedPickupFee } from './pickup-fee.rules.js';

describe('door pickup fees', () => {
  it.each<[string, number, number | null, boolean, number | string]>([
    ['a free pickup booked by the customer', 0, null, true, 0],
    ['a free pickup booked by customer service', 0, null, false, 0],
    ['a charged pickup the customer accepted', 800, 800, true, 800],
    ['a charged pickup without consent', 800, null, true, 'BAD_USER_INPUT'],
    ['a charged pickup accepted at an older price', 800, 600, true, 'BAD_USER_INPUT'],
    ['a charged pickup booked by staff', 800, 800, false, 'FORBIDDEN'],
  ])('%s → %s', (_label, fee, accepted, byCustomer, expected) => {
    let outcome: number | string;
    try {
      outcome = consentedPickupFee(fee, accepted, byCustomer);
    } catch (error) {
      outcome = (error as DomainError).code;
    }
    expect(outcome).toBe(expected);
  });
});

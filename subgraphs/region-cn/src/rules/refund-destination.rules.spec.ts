import { DomainError } from '@hub/shared/errors';
import { chooseRefundDestination, type RefundDestinationChoice } from './refund-destination.rules.js';

describe('where the refund goes', () => {
  it.each<[string, RefundDestinationChoice | null, boolean, object | string]>([
    ['no choice: back the way the customer paid', null, true, { destination: 'ORIGINAL_PAYMENT', detail: null }],
    ['no choice, asked by customer service', null, false, { destination: 'ORIGINAL_PAYMENT', detail: null }],
    [
      'another destination the customer consented to',
      { otherDestination: 'UnionPay card ****1234', customerConsent: true },
      true,
      { destination: 'CUSTOMER_CHOSEN', detail: 'UnionPay card ****1234' },
    ],
    ['another destination without consent', { otherDestination: 'store balance' }, true, 'BAD_USER_INPUT'],
    ['another destination with consent withheld', { otherDestination: 'store balance', customerConsent: false }, true, 'BAD_USER_INPUT'],
    ['another destination named by staff', { otherDestination: 'store balance', customerConsent: true }, false, 'FORBIDDEN'],
    ['consent to nothing', { customerConsent: true }, true, 'BAD_USER_INPUT'],
  ])('%s', (_label, choice, byCustomer, expected) => {
    let outcome: object | string;
    try {
      outcome = chooseRefundDestination(choice, byCustomer);
    } catch (error) {
      outcome = (error as DomainError).code;
    }
    expect(outcome).toEqual(expected);
  });
});

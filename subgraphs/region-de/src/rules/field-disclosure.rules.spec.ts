import { discloseValue, pseudonymise } from './field-disclosure.rules.js';

const KEY = 'test-pseudonym-key-0123456789abcdef';

describe('discloseValue', () => {
  it.each([
    ['customer.name', 'FULL', 'Anna Schmidt', 'Anna Schmidt'],
    ['customer.name', 'MASKED', 'Anna Schmidt', 'A*** S******'],
    ['customer.email', 'MASKED', 'anna.schmidt@example.de', 'a***@example.de'],
    ['customer.phone', 'MASKED', '+4915112345678', '*********5678'],
    ['customer.dateOfBirth', 'MASKED', '1990-04-01', '****-**-**'],
    ['customer.vatId', 'MASKED', 'FRXX123456789', 'FR********789'],
    ['shippingAddress.street', 'MASKED', 'Invalidenstraße', '***'],
    ['shippingAddress.houseNumber', 'MASKED', '116', '***'],
    ['shippingAddress.postalCode', 'MASKED', '10115', '10***'],
    ['invoiceAddress.city', 'MASKED', 'Berlin', 'Berlin'],
    ['invoiceAddress.country', 'MASKED', 'DE', 'DE'],
  ] as const)('%s %s', (field, disclosure, value, expected) => {
    expect(discloseValue(field, disclosure, value, KEY)).toBe(expected);
  });

  it('pseudonymises with a stable keyed hash that reveals nothing of the value', () => {
    const pseudonym = discloseValue('customer.email', 'PSEUDONYMISED', 'anna.schmidt@example.de', KEY);
    expect(pseudonym).toMatch(/^psd_[0-9a-f]{20}$/);
    expect(pseudonym).not.toContain('anna');
    expect(discloseValue('customer.email', 'PSEUDONYMISED', ' Anna.Schmidt@EXAMPLE.de ', KEY)).toBe(pseudonym);
    expect(discloseValue('customer.email', 'PSEUDONYMISED', 'anna.schmidt@example.de', `${KEY}-other`)).not.toBe(pseudonym);
  });

  it('links customer and recipient names, but never a name with another kind of value', () => {
    expect(discloseValue('customer.name', 'PSEUDONYMISED', 'Anna Schmidt', KEY))
      .toBe(discloseValue('shippingAddress.recipientName', 'PSEUDONYMISED', 'anna  schmidt', KEY));
    expect(pseudonymise('name', 'Berlin', KEY)).not.toBe(pseudonymise('city', 'Berlin', KEY));
    expect(pseudonymise('phone', '+49 151 1234 5678', KEY)).toBe(pseudonymise('phone', '+4915112345678', KEY));
  });
});

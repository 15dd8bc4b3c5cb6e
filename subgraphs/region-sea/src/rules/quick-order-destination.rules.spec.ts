import { chooseQuickOrderDestination } from './quick-order-destination.rules.js';
import type { SeaAddressFields } from './sea-address.rules.js';

const ADDRESS: SeaAddressFields = {
  recipientName: 'Siti Rahayu',
  recipientPhone: '0812-3456-7890',
  line1: 'Jl. Merdeka No. 10',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};

describe('chooseQuickOrderDestination', () => {
  it.each([
    ['an address only', { address: ADDRESS }, { address: ADDRESS }],
    ['an address, savedAddress null', { address: ADDRESS, savedAddress: null }, { address: ADDRESS }],
    ['a saved address only', { savedAddress: 3 }, { savedAddress: 3 }],
    ['a saved address, address null', { address: null, savedAddress: 1 }, { savedAddress: 1 }],
  ])('takes %s', (_label, input, expected) => {
    expect(chooseQuickOrderDestination(input)).toEqual(expected);
  });

  it.each([
    ['both', { address: ADDRESS, savedAddress: 2 }, /not both/],
    ['neither', {}, /Send address, or savedAddress/],
    ['both null', { address: null, savedAddress: null }, /Send address, or savedAddress/],
  ])('refuses %s as BAD_USER_INPUT on address', (_label, input, message) => {
    expect(() => chooseQuickOrderDestination(input)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'address' } }));
    expect(() => chooseQuickOrderDestination(input)).toThrow(message);
  });
});

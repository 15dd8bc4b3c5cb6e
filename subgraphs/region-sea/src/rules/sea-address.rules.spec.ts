import { checkSeaAddress } from './sea-address.rules.js';

const ADDRESS = {
  recipientName: 'Siti Rahayu',
  recipientPhone: '0812-3456-7890',
  line1: 'Jl. Merdeka No. 10',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};

describe('checkSeaAddress', () => {
  it.each([
    ['ID', '0812-3456-7890', '10110', '+6281234567890'],
    ['TH', '081 234 5678', '10110', '+66812345678'],
    ['PH', '0917 123 4567', '1000', '+639171234567'],
    ['SG', '+62 812 3456 7890', '018956', '+6281234567890'],
  ])('takes a %s address with phone %s and answers the phone in E.164', (country, recipientPhone, postalCode, e164) => {
    expect(checkSeaAddress({ ...ADDRESS, country, recipientPhone, postalCode }, 'address')).toEqual({ country, recipientPhone: e164 });
  });

  it.each([
    ['a postal code of another country', { country: 'PH' }, 'savedAddress', { field: 'savedAddress.postalCode' }],
    ['a country outside the region', { country: 'MM' }, 'address', { field: 'address.postalCode' }],
    ['a phone too short', { recipientPhone: '0812 345' }, 'input.address', { field: 'input.address.recipientPhone', rule: 'PHONE_INVALID' }],
  ])('refuses %s, naming the field under the path given', (_label, change, path, details) => {
    expect(() => checkSeaAddress({ ...ADDRESS, ...change }, path)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details }));
  });
});

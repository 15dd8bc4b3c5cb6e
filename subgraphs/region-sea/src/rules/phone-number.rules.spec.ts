import { normalisePhoneNumber } from './phone-number.rules.js';

describe('normalisePhoneNumber', () => {
  it.each([
    ['ID', '081234567890', '+6281234567890'],
    ['ID', '0812-3456-7890', '+6281234567890'],
    ['ID', '+62 812 3456 7890', '+6281234567890'],
    ['TH', '081 234 5678', '+66812345678'],
    ['TH', '+66812345678', '+66812345678'],
    ['MY', '012-345 6789', '+60123456789'],
    ['PH', '0917 123 4567', '+639171234567'],
    ['PH', '+63 917 123 4567', '+639171234567'],
    ['VN', '0912 345 678', '+84912345678'],
    ['SG', '8123 4567', '+6581234567'],
    ['MY', '+65 8123 4567', '+6581234567'],
  ] as const)('%s %s → %s', (country, phone, expected) => {
    expect(normalisePhoneNumber(phone, country)).toBe(expected);
  });

  it.each([
    ['ID', '12345'],
    ['TH', '0812345'],
    ['PH', '0917 123'],
    ['SG', '1234 5678'],
    ['VN', '0812CALLME'],
  ] as const)('rejects %s %s', (country, phone) => {
    expect(normalisePhoneNumber(phone, country)).toBeUndefined();
  });
});

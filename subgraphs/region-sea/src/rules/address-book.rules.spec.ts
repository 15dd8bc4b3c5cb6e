import { decideAddressSave, SAVED_ADDRESS_LIMIT, type SavedAddressContent, type SavedAddressEntry } from './address-book.rules.js';

const HOME: SavedAddressContent = {
  label: 'Home',
  recipientName: 'Siti Rahayu',
  recipientPhone: '+6281234567890',
  line1: 'Jl. Merdeka No. 10',
  line2: null,
  subdistrict: 'Gambir',
  district: 'Gambir',
  city: 'Jakarta Pusat',
  province: 'DKI Jakarta',
  postalCode: '10110',
  country: 'ID',
};
const OFFICE: SavedAddressContent = { ...HOME, label: 'Office', line1: 'Jl. Sudirman Kav. 52', postalCode: '12190', city: 'Jakarta Selatan' };
const entry = (number: number, content: SavedAddressContent = OFFICE): SavedAddressEntry => ({ number, ...content });
const full = Array.from({ length: SAVED_ADDRESS_LIMIT }, (_, i) => entry(i + 1, { ...OFFICE, line1: `Jl. Sudirman ${i}` }));

describe('decideAddressSave', () => {
  it.each<[string, number, SavedAddressEntry[], SavedAddressContent, ReturnType<typeof decideAddressSave>]>([
    ['the first address of a customer', 0, [], HOME, { number: 1 }],
    ['the next after 1 and 2', 2, [entry(1), entry(2, { ...OFFICE, line1: 'x' })], HOME, { number: 3 }],
    ['after the highest was forgotten: never its number again', 3, [entry(1), entry(2, { ...OFFICE, line1: 'x' })], HOME, { number: 4 }],
    ['after every address was forgotten', 7, [], HOME, { number: 8 }],
    ['the same address and label again (a retry)', 5, [entry(4), entry(5, HOME)], HOME, { existing: 5 }],
    ['the same address, its undefined parts read as null', 5, [{ number: 2, ...HOME, line2: undefined }], HOME, { existing: 2 }],
    ['the same address under another label', 5, [entry(5, HOME)], { ...HOME, label: 'Mum' }, { number: 6 }],
    ['the same address without a label', 5, [entry(5, HOME)], { ...HOME, label: null }, { number: 6 }],
    ['another recipient at the same address', 5, [entry(5, HOME)], { ...HOME, recipientName: 'Budi' }, { number: 6 }],
    ['one below the limit', 30, full.slice(1), HOME, { number: 31 }],
    ['an address already saved, with the book full', 20, full, { ...OFFICE, line1: 'Jl. Sudirman 7' }, { existing: 8 }],
  ])('%s', (_label, lastNumber, entries, candidate, expected) => {
    expect(decideAddressSave({ lastNumber, entries }, candidate)).toEqual(expected);
  });

  it(`refuses a new address once ${SAVED_ADDRESS_LIMIT} are saved, with a code and the limit`, () => {
    expect(() => decideAddressSave({ lastNumber: 25, entries: full }, HOME)).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { rule: 'SAVED_ADDRESS_LIMIT_REACHED', limit: SAVED_ADDRESS_LIMIT } }),
    );
  });
});

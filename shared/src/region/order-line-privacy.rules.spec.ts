import { findPersonalDataInLine } from './order-line-privacy.rules.js';

describe('findPersonalDataInLine', () => {
  it.each([
    ['an ordinary line', { name: 'Longjing tea 250 g', attributes: { category: 'tea', size: 'M' } }, null],
    ['model numbers and sizes', { name: 'iPhone 15 Pro 256GB', attributes: { ean: '4006381333931', weight: '0.75 kg' } }, null],
    ['a price-like number', { name: 'Voucher 1000.00', attributes: { year: 2026 } }, null],
    ['a gift note with a CN mobile', { name: 'Gift for 王芳 13912345678', attributes: {} }, { field: 'name', kind: 'PHONE' }],
    ['an international phone', { name: 'Blumen, Anruf +49 151 1234567', attributes: {} }, { field: 'name', kind: 'PHONE' }],
    ['a national phone with separators', { name: 'Delivery note 030 1234 5678', attributes: {} }, { field: 'name', kind: 'PHONE' }],
    ['a Thai mobile in an attribute', { name: 'Mango', attributes: { colour: 'call +66 81 234 5678' } }, { field: 'attributes.colour', kind: 'PHONE' }],
    ['an e-mail in a name', { name: 'Card for anna.schmidt@example.de', attributes: {} }, { field: 'name', kind: 'EMAIL' }],
    ['a contact attribute', { name: 'Mug', attributes: { contact: 'Wang' } }, { field: 'attributes.contact', kind: 'PERSONAL_ATTRIBUTE' }],
    [
      'a gift message attribute',
      { name: 'Mug', attributes: { giftMessage: 'Happy birthday' } },
      { field: 'attributes.giftMessage', kind: 'PERSONAL_ATTRIBUTE' },
    ],
  ])('%s', (_name, line, expected) => {
    expect(findPersonalDataInLine(line)).toEqual(expected);
  });
});
